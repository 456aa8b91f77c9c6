// The resident pages load their enhancement after the first paint, so a resident may type or
// tick before React hydrates. react-hook-form writes its default values into every field it
// registers, which would wipe that: what the resident changed is noted just before hydrating
// and given back (through the events React listens to, so the form's state follows) after.

interface Changed {
  form: number;
  name: string;
  /** The text, the chosen option, or the value of a ticked box or radio. */
  value: string;
  kind: 'text' | 'select' | 'check';
  checked?: boolean;
}

let changed: Changed[] = [];

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldsOf(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter((e): e is Field =>
    (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement) && e.name !== '');
}

function isBox(e: Field): e is HTMLInputElement {
  return e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio');
}

/** Notes every field whose value differs from the one the server drew (call before hydrating). */
export function rememberTypedValues(doc: Document = document): void {
  changed = [];
  Array.from(doc.forms).forEach((form, index) => {
    for (const e of fieldsOf(form)) {
      if (e instanceof HTMLInputElement && (e.type === 'file' || e.type === 'hidden')) continue;
      if (isBox(e)) {
        if (e.checked !== e.defaultChecked) changed.push({ form: index, name: e.name, value: e.value, kind: 'check', checked: e.checked });
      } else if (e instanceof HTMLSelectElement) {
        if (Array.from(e.options).some((o) => o.selected !== o.defaultSelected)) changed.push({ form: index, name: e.name, value: e.value, kind: 'select' });
      } else if (e.value !== e.defaultValue) {
        changed.push({ form: index, name: e.name, value: e.value, kind: 'text' });
      }
    }
  });
}

// Setting `.value` directly would update React's own record of the value, and React would then
// ignore the event; the prototype's setter is what a keystroke goes through.
function setNativeValue(e: Field, value: string) {
  const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : e instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(e, value);
  e.dispatchEvent(new Event(e instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/** Gives back what was noted (call once the page is hydrated): boxes first, then text. */
export function restoreTypedValues(doc: Document = document): void {
  const pending = changed;
  changed = [];
  const find = (c: Changed) => fieldsOf(doc.forms[c.form] ?? doc.createElement('form'))
    .find((e) => e.name === c.name && (c.kind !== 'check' || (e as HTMLInputElement).value === c.value));
  for (const c of pending.filter((p) => p.kind === 'check')) {
    const e = find(c) as HTMLInputElement | undefined;
    if (e && e.checked !== c.checked) e.click();
  }
  for (const c of pending.filter((p) => p.kind !== 'check')) {
    const e = find(c);
    if (e && e.value !== c.value) setNativeValue(e, c.value);
  }
}
