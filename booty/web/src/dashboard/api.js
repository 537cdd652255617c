// The page's calls to booty's dashboard server (contract: docs/dashboard.md): JSON GETs and
// the state-changing POSTs, which carry the session's CSRF token.

let session = null;

/** GET a JSON answer; throws an Error naming the path and status (and the server's error text). */
export async function getJson(path) {
  const res = await fetch(url(path), { headers: { Accept: "application/json" } });
  return answer(path, res);
}

async function answer(path, res) {
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const why = (body && (body.error || body.message)) || text.trim() || res.statusText;
    throw new Error(`${path}: ${res.status} ${why}`);
  }
  if (body === null) throw new Error(`${path}: the answer is not JSON`);
  return body;
}

/** The session (csrf, user, version), fetched once and again after a refused POST. */
export async function getSession(fresh = false) {
  if (!session || fresh) session = await getJson("/api/session");
  return session;
}

/** POST with the CSRF header; a 403 fetches a new token once and tries again. */
export async function post(path) {
  for (let attempt = 0; ; attempt++) {
    const { csrf } = await getSession(attempt > 0);
    const res = await fetch(url(path), {
      method: "POST",
      headers: { "X-Booty-CSRF": csrf, Accept: "application/json" },
    });
    if (res.status === 403 && attempt === 0) continue;
    return answer(path, res);
  }
}

// Absolute on the page's origin: a page opened as http://user:password@host/ has a base URL with
// credentials, and fetch() refuses to build a request from one; location.origin never has them
// (the browser sends the front door's credentials it keeps for the origin anyway).
function url(path) {
  return location.origin + path;
}
