/**
 * The one way the webview creates elements. Text goes through `textContent` and attributes through
 * `setAttribute`, so untrusted strings (model names, prompts, paths) can never become markup. There is
 * deliberately no option to set HTML or inline styles (the CSP forbids inline styles anyway).
 */
export interface ElOptions {
  readonly id?: string;
  readonly className?: string;
  /** Text content (untrusted text is fine). */
  readonly text?: string;
  /** Attributes (values are set as attribute text, never parsed as HTML). */
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options?: ElOptions): HTMLElementTagNameMap[K];
export function el(tag: string, options?: ElOptions): HTMLElement;
export function el(tag: string, options: ElOptions = {}): HTMLElement {
  const e = document.createElement(tag);
  if (options.id) e.id = options.id;
  if (options.className) e.className = options.className;
  if (options.text !== undefined) e.textContent = options.text;
  for (const [k, v] of Object.entries(options.attrs ?? {})) {
    // Event-handler and style attributes are refused: nothing here should ever need them.
    if (/^on/i.test(k) || k.toLowerCase() === 'style') continue;
    e.setAttribute(k, v);
  }
  return e;
}
