// The part of React 18's API this app uses, typed by hand: React loads as a UMD global from web/vendor (the
// `dash` wheel's build), and the npm registry — with @types/react — is not reachable here. `tsc --strict` checks
// the sources against these declarations; keep them to what the code calls.

declare namespace React {
  type Key = string | number;
  type ReactElement = JSX.Element;
  type ReactNode = ReactElement | string | number | boolean | null | undefined | ReactNode[];
  type SetStateAction<S> = S | ((previous: S) => S);
  type Dispatch<A> = (value: A) => void;
  type EffectCallback = () => void | (() => void);
  type DependencyList = readonly unknown[];
  interface MutableRefObject<T> {
    current: T;
  }
  interface RefObject<T> {
    readonly current: T | null;
  }
  type Ref<T> = RefObject<T> | ((instance: T | null) => void) | null;
  type FunctionComponent<P = {}> = (props: P) => ReactElement | null;
  type FC<P = {}> = FunctionComponent<P>;

  interface SyntheticEvent<T = Element, E = Event> {
    currentTarget: EventTarget & T;
    target: EventTarget & T;
    nativeEvent: E;
    defaultPrevented: boolean;
    type: string;
    preventDefault(): void;
    stopPropagation(): void;
  }
  type FormEvent<T = Element> = SyntheticEvent<T>;
  type ChangeEvent<T = Element> = SyntheticEvent<T>;
  type UIEvent<T = Element> = SyntheticEvent<T, globalThis.UIEvent>;
  interface MouseEvent<T = Element> extends SyntheticEvent<T, globalThis.MouseEvent> {
    button: number;
    clientX: number;
    clientY: number;
    altKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
  }
  interface KeyboardEvent<T = Element> extends SyntheticEvent<T, globalThis.KeyboardEvent> {
    key: string;
    code: string;
    altKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
  }
  type FocusEvent<T = Element> = SyntheticEvent<T, globalThis.FocusEvent>;
  type ClipboardEvent<T = Element> = SyntheticEvent<T, globalThis.ClipboardEvent>;
  type EventHandler<E> = (event: E) => void;

  interface CSSProperties {
    [property: string]: string | number | undefined;
  }

  /** Attributes every element takes; declared ones are checked, others (aria-*, data-*, SVG presentation) pass. */
  interface DOMAttributes<T> {
    children?: ReactNode;
    key?: Key | null;
    ref?: Ref<T>;
    className?: string;
    id?: string;
    style?: CSSProperties;
    title?: string;
    role?: string;
    tabIndex?: number;
    hidden?: boolean;
    dangerouslySetInnerHTML?: never;
    onClick?: EventHandler<MouseEvent<T>>;
    onDoubleClick?: EventHandler<MouseEvent<T>>;
    onMouseDown?: EventHandler<MouseEvent<T>>;
    onMouseEnter?: EventHandler<MouseEvent<T>>;
    onMouseLeave?: EventHandler<MouseEvent<T>>;
    onMouseMove?: EventHandler<MouseEvent<T>>;
    onKeyDown?: EventHandler<KeyboardEvent<T>>;
    onKeyUp?: EventHandler<KeyboardEvent<T>>;
    onFocus?: EventHandler<FocusEvent<T>>;
    onBlur?: EventHandler<FocusEvent<T>>;
    onChange?: EventHandler<ChangeEvent<T>>;
    onInput?: EventHandler<FormEvent<T>>;
    onSubmit?: EventHandler<FormEvent<T>>;
    onScroll?: EventHandler<UIEvent<T>>;
    onToggle?: EventHandler<SyntheticEvent<T>>;
    onClose?: EventHandler<SyntheticEvent<T>>;
    onCancel?: EventHandler<SyntheticEvent<T>>;
    onCopy?: EventHandler<ClipboardEvent<T>>;
    onPaste?: EventHandler<ClipboardEvent<T>>;
    [attribute: string]: unknown;
  }

  interface HTMLAttributes<T> extends DOMAttributes<T> {
    value?: string | number | readonly string[];
    defaultValue?: string | number;
    checked?: boolean;
    disabled?: boolean;
    placeholder?: string;
    name?: string;
    type?: string;
    href?: string;
    target?: string;
    rel?: string;
    download?: string | boolean;
    htmlFor?: string;
    open?: boolean;
    rows?: number;
    cols?: number;
    spellCheck?: boolean;
    autoFocus?: boolean;
    autoComplete?: string;
    readOnly?: boolean;
    required?: boolean;
    maxLength?: number;
    min?: number | string;
    max?: number | string;
    step?: number | string;
    list?: string;
    colSpan?: number;
    scope?: string;
    dateTime?: string;
    lang?: string;
    dir?: string;
  }

  function createElement(type: unknown, props?: unknown, ...children: ReactNode[]): ReactElement;
  const Fragment: (props: { children?: ReactNode; key?: Key }) => ReactElement;
  const StrictMode: (props: { children?: ReactNode }) => ReactElement;

  function useState<S>(initial: S | (() => S)): [S, Dispatch<SetStateAction<S>>];
  function useState<S = undefined>(): [S | undefined, Dispatch<SetStateAction<S | undefined>>];
  function useReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, Dispatch<A>];
  function useReducer<S, A, I>(reducer: (state: S, action: A) => S, argument: I, init: (argument: I) => S): [S, Dispatch<A>];
  function useEffect(effect: EffectCallback, dependencies?: DependencyList): void;
  function useLayoutEffect(effect: EffectCallback, dependencies?: DependencyList): void;
  function useCallback<T extends (...args: never[]) => unknown>(callback: T, dependencies: DependencyList): T;
  function useMemo<T>(factory: () => T, dependencies: DependencyList): T;
  function useRef<T>(initial: T): MutableRefObject<T>;
  function useRef<T>(initial: T | null): RefObject<T>;
  function useRef<T = undefined>(): MutableRefObject<T | undefined>;
}

declare namespace JSX {
  interface Element {
    readonly type: unknown;
    readonly props: unknown;
    readonly key: React.Key | null;
  }
  interface ElementChildrenAttribute {
    children: {};
  }
  interface IntrinsicAttributes {
    key?: React.Key | null;
  }
  type HTML<T> = React.HTMLAttributes<T>;
  interface IntrinsicElements {
  a: HTML<HTMLAnchorElement>;
  blockquote: HTML<HTMLQuoteElement>;
  button: HTML<HTMLButtonElement>;
  caption: HTML<HTMLTableCaptionElement>;
  datalist: HTML<HTMLDataListElement>;
  details: HTML<HTMLDetailsElement>;
  dialog: HTML<HTMLDialogElement>;
  div: HTML<HTMLDivElement>;
  dl: HTML<HTMLDListElement>;
  fieldset: HTML<HTMLFieldSetElement>;
  form: HTML<HTMLFormElement>;
  h1: HTML<HTMLHeadingElement>;
  h2: HTML<HTMLHeadingElement>;
  h3: HTML<HTMLHeadingElement>;
  h4: HTML<HTMLHeadingElement>;
  input: HTML<HTMLInputElement>;
  label: HTML<HTMLLabelElement>;
  legend: HTML<HTMLLegendElement>;
  li: HTML<HTMLLIElement>;
  ol: HTML<HTMLOListElement>;
  option: HTML<HTMLOptionElement>;
  p: HTML<HTMLParagraphElement>;
  pre: HTML<HTMLPreElement>;
  select: HTML<HTMLSelectElement>;
  span: HTML<HTMLSpanElement>;
  table: HTML<HTMLTableElement>;
  tbody: HTML<HTMLTableSectionElement>;
  td: HTML<HTMLTableCellElement>;
  textarea: HTML<HTMLTextAreaElement>;
  th: HTML<HTMLTableCellElement>;
  thead: HTML<HTMLTableSectionElement>;
  time: HTML<HTMLTimeElement> & { dateTime?: string };
  tr: HTML<HTMLTableRowElement>;
  ul: HTML<HTMLUListElement>;
  article: HTML<HTMLElement>;
  aside: HTML<HTMLElement>;
  code: HTML<HTMLElement>;
  dd: HTML<HTMLElement>;
  dt: HTML<HTMLElement>;
  em: HTML<HTMLElement>;
  figcaption: HTML<HTMLElement>;
  figure: HTML<HTMLElement>;
  header: HTML<HTMLElement>;
  footer: HTML<HTMLElement>;
  i: HTML<HTMLElement>;
  main: HTML<HTMLElement>;
  mark: HTML<HTMLElement>;
  nav: HTML<HTMLElement>;
  section: HTML<HTMLElement>;
  strong: HTML<HTMLElement>;
  summary: HTML<HTMLElement>;
  circle: React.DOMAttributes<SVGCircleElement>;
  g: React.DOMAttributes<SVGGElement>;
  line: React.DOMAttributes<SVGLineElement>;
  path: React.DOMAttributes<SVGPathElement>;
  polyline: React.DOMAttributes<SVGPolylineElement>;
  rect: React.DOMAttributes<SVGRectElement>;
  svg: React.DOMAttributes<SVGSVGElement>;
  text: React.DOMAttributes<SVGTextElement>;
  }
}

declare module "react" {
  export = React;
}

declare module "react-dom/client" {
  interface Root {
    render(children: React.ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}

