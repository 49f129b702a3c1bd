// ReactDOM is loaded as a UMD global from web/vendor before app.js.
const ReactDOM = (window as any).ReactDOM;
export const createRoot = ReactDOM.createRoot;
