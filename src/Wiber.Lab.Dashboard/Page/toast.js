// Toasts: errors (the API's problem-details 'detail', word for word), and short confirmations.
const MAX = 5;

export function toast(kind, title, detail, ms) {
  const box = document.querySelector('[data-testid="toasts"]');
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.dataset.testid = 'toast';
  el.dataset.kind = kind;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const head = document.createElement('div');
  head.className = 'title';
  head.textContent = title;
  const body = document.createElement('div');
  body.className = 'detail';
  body.dataset.testid = 'toast-detail';
  body.textContent = detail ?? '';
  const close = document.createElement('button');
  close.className = 'close';
  close.type = 'button';
  close.setAttribute('aria-label', 'dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => el.remove());
  el.append(head, body, close);
  box.prepend(el);   // column-reverse: the newest sits at the bottom, nearest the eye after a click
  while (box.children.length > MAX) box.lastElementChild.remove();
  setTimeout(() => el.remove(), ms ?? (kind === 'error' ? 15000 : 4000));
  return el;
}
