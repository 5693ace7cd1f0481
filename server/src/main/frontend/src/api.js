// Calls to /api/v1 with the bearer token kept in this browser; errors carry the server's {code, message, where, hint}.
const KEY = 'aisprint.token';

export const token = {
  get: () => localStorage.getItem(KEY),
  set: (value) => localStorage.setItem(KEY, value),
  clear: () => localStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

function headers(extra = {}) {
  const value = token.get();
  return value ? { Authorization: `Bearer ${value}`, ...extra } : extra;
}

async function answer(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof body === 'object' ? body : { message: body });
  }
  return body;
}

export const api = {
  get: (path) => fetch(`/api/v1${path}`, { headers: headers() }).then(answer),
  del: (path) => fetch(`/api/v1${path}`, { method: 'DELETE', headers: headers() }).then(answer),
  post: (path, json) => fetch(`/api/v1${path}`, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(json),
  }).then(answer),
  upload: (file) => fetch('/api/v1/applications', {
    method: 'POST', headers: headers({ 'Content-Type': file.type || 'application/octet-stream' }), body: file,
  }).then(answer),
  blob: (path) => fetch(`/api/v1${path}`, { headers: headers() }).then(async (response) => {
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
    return response.blob();
  }),
};

/**
 * Follows a Server-Sent Events stream with fetch (EventSource cannot send the Authorization header).
 * Calls onEvent(name, data) per event; returns a function that stops following.
 */
export function follow(path, onEvent, onEnd) {
  const controller = new AbortController();
  (async () => {
    try {
      const response = await fetch(`/api/v1${path}`, { headers: headers(), signal: controller.signal });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          const data = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) onEvent(event, JSON.parse(data.join('\n')));
        }
      }
      onEnd && onEnd();
    } catch (error) {
      if (error.name !== 'AbortError') onEnd && onEnd(error);
    }
  })();
  return () => controller.abort();
}
