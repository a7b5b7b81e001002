// Calls to the lab's REST API. A refusal arrives as problem details; its 'detail' is shown as is.
import { toast } from './toast.js';

export async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    toast('error', 'The dashboard does not answer', `${method} ${path}: ${e.message}`);
    throw e;
  }

  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const problem = json && typeof json.detail === 'string' ? json : { title: `HTTP ${response.status}`, detail: text };
    toast('error', problem.title, problem.detail);
    const error = new Error(problem.detail);
    error.problem = problem;
    throw error;
  }

  return json;
}

export const post = (path, body) => call('POST', path, body);

// Runs an action with its button disabled and spinning; a failure has already been shown as a toast.
export async function busy(button, action) {
  button.disabled = true;
  button.classList.add('busy');
  try {
    return await action();
  } catch {
    return undefined;
  } finally {
    button.disabled = false;
    button.classList.remove('busy');
  }
}
