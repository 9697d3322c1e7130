/**
 * Registers a custom element once. A portal may bundle its own copy of this
 * package next to ours; the second `customElements.define` of a name would
 * throw and blank the page, so the later copy keeps the first definition.
 * @module
 */

/** Defines `name` unless some copy of the package defined it already. */
export function defineElement(name: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(name, ctor);
}
