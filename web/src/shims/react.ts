// React is loaded as a UMD global from web/vendor before app.js; this module lets the sources import it normally.
const React = (window as any).React;
export default React;
export const { useState, useReducer, useEffect, useLayoutEffect, useCallback, useMemo, useRef, Fragment } = React;
