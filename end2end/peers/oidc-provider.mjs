// A real OpenID Connect provider (panva's oidc-provider) for the tests: the
// Rust integration tests and the Playwright tests start it as a peer on
// 127.0.0.1 and log in through it as a municipality's employee would.
//
// Environment:
//   OIDC_PORT      (required) listen on 127.0.0.1:PORT; the issuer is exactly
//                  http://127.0.0.1:PORT (no trailing slash).
//   OIDC_ACCOUNTS  (required) JSON file: {"login name": {claims}}, e.g.
//                  {"anna": {"email": "anna@voorbeeld.nl", "name": "Anna de Vries",
//                  "employee_number": "E1001", "groups": ["lms-hr"]}}.
//                  The login name is the account id and the `sub`.
//   OIDC_CLIENTS   (required) JSON file: [{client_id, client_secret,
//                  redirect_uris, post_logout_redirect_uris}]; every client
//                  uses the code flow, client_secret_basic and PKCE (S256).
//   OIDC_KEY_FILE  private RSA JWK set ({"keys": [...]}). Created with a fresh
//                  RS256 key and a random kid when missing, so the same file
//                  keeps the key and a new path rotates it. Unset: a key that
//                  lives as long as the process.
//   OIDC_FAULT     optional: the token endpoint hands out a bad ID token, one a
//                  real provider never issues: tamper (payload changed after
//                  signing), audience, expired, nonce, issuer (re-signed with
//                  the real key and a wrong claim), foreign_key (signed by a
//                  key not in the JWKS, with the real kid).
//
// stdout carries one line, `ready http://127.0.0.1:PORT`, once listening;
// everything else goes to stderr. SIGTERM and SIGINT stop it cleanly.
// E-mail and name come from userinfo, not the ID token (conformIdTokenClaims).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { CompactSign, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';

// oidc-provider prints its notices with console.info: keep stdout for the ready line.
console.info = console.log = console.error;

const fail = (message) => { console.error(`oidc-provider peer: ${message}`); process.exit(2); };
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const env = (name) => process.env[name] || fail(`${name} is not set`);

const port = Number(env('OIDC_PORT'));
if (!Number.isInteger(port) || port < 1 || port > 65535) fail('OIDC_PORT is not a port number');
const issuer = `http://127.0.0.1:${port}`;
const accounts = readJson(env('OIDC_ACCOUNTS'));
const clients = readJson(env('OIDC_CLIENTS'));
const FAULTS = ['tamper', 'audience', 'expired', 'nonce', 'foreign_key', 'issuer'];
const fault = process.env.OIDC_FAULT || undefined;
if (fault && !FAULTS.includes(fault)) fail(`OIDC_FAULT must be one of ${FAULTS.join(', ')}`);

async function newSigningJwk() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(12).toString('base64url'), alg: 'RS256', use: 'sig' };
}
const keyFile = process.env.OIDC_KEY_FILE;
let signingJwk;
if (keyFile && existsSync(keyFile)) {
  [signingJwk] = readJson(keyFile).keys;
} else {
  signingJwk = await newSigningJwk();
  if (keyFile) writeFileSync(keyFile, `${JSON.stringify({ keys: [signingJwk] }, null, 2)}\n`, { mode: 0o600 });
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
const LOGIN_TITLE = 'Inloggen bij Gemeente Voorbeeld (testprovider)';
const loginPage = (uid, message = '', login = '') => page(LOGIN_TITLE, `${message ? `<p role="alert">${esc(message)}</p>\n` : ''}\
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="login">Gebruikersnaam</label>
<input type="text" id="login" name="login" autocomplete="username" value="${esc(login)}">
<button type="submit">Inloggen</button>
</form>`);

const errorPage = (out) => page('Fout bij Gemeente Voorbeeld (testprovider)',
  `<pre>${Object.entries(out).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('\n')}</pre>`);

const provider = new Provider(issuer, {
  clients: clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    redirect_uris: c.redirect_uris,
    post_logout_redirect_uris: c.post_logout_redirect_uris ?? [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  jwks: { keys: [signingJwk] },
  async findAccount(ctx, id) {
    if (!Object.hasOwn(accounts, id)) return undefined;
    return { accountId: id, claims: async () => ({ email_verified: true, ...accounts[id], sub: id }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'employee_number', 'groups'] },
  pkce: { required: () => true }, // S256 is the only method oidc-provider 9 supports
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Uitloggen bij Gemeente Voorbeeld (testprovider)', `${form}
<p>Wilt u uitloggen?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>
<button type="submit" form="op.logoutForm">Nee, ingelogd blijven</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Uitgelogd bij Gemeente Voorbeeld (testprovider)', '<p>U bent uitgelogd.</p>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // Cookies do not tell ports apart: names of our own, not the relying party's.
  cookies: {
    keys: ['testprovider-cookie-key-1', 'testprovider-cookie-key-2'],
    names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_interaction_resume' },
  },
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 8 * 3600, Grant: 8 * 3600 },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = errorPage(out);
  },
});

// Interaction routes: the login form and an automatic consent (first-party app).
provider.use(async (ctx, next) => {
  const route = /^\/interaction\/[\w-]+(\/login)?$/.exec(ctx.path);
  if (!route || ctx.method !== (route[1] ? 'POST' : 'GET')) return next();
  ctx.set('Cache-Control', 'no-store');
  let details;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch (err) { // e.g. an expired interaction or a missing cookie
    ctx.status = err.status ?? 500;
    ctx.type = 'html';
    ctx.body = errorPage({ error: err.error ?? 'server_error', error_description: err.error_description ?? err.message });
    return;
  }
  const { uid, prompt, params, grantId, session } = details;
  ctx.type = 'html';
  if (prompt.name === 'login' && !route[1]) {
    ctx.body = loginPage(uid);
  } else if (prompt.name === 'login') {
    let raw = '';
    for await (const chunk of ctx.req) if ((raw += chunk).length > 10_000) ctx.throw(413);
    const login = (new URLSearchParams(raw).get('login') ?? '').trim();
    if (!Object.hasOwn(accounts, login)) {
      ctx.body = loginPage(uid, 'Onbekende gebruiker', login);
      return;
    }
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  } else if (prompt.name === 'consent') {
    const { details } = prompt;
    const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const savedGrantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId: savedGrantId } }, { mergeWithLastSubmission: true });
  } else {
    ctx.throw(400, `unexpected prompt ${prompt.name}`);
  }
});

// Fault injection: rewrite the ID token of a successful token response.
if (fault) {
  // foreign_key: a fresh key that is not in the JWKS (the header keeps the real kid).
  const key = await importJWK(fault === 'foreign_key' ? await newSigningJwk() : signingJwk, 'RS256');
  // The same header (alg, kid) and the claims with some changed, signed again.
  const resign = (token, changes = {}) => new CompactSign(new TextEncoder().encode(JSON.stringify({ ...decodeJwt(token), ...changes })))
    .setProtectedHeader(decodeProtectedHeader(token)).sign(key);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  // One base64url character changed near the middle of the payload, chosen so
  // the payload still parses and keeps its claims (at most `exp` grows): only
  // the signature check can tell.
  const tamper = (token) => {
    const [h, p, s] = token.split('.');
    const claims = decodeJwt(token);
    const harmless = (c) => Object.keys(c).length === Object.keys(claims).length
      && Object.entries(claims).every(([k, v]) => (k === 'exp' ? c.exp >= v : JSON.stringify(c[k]) === JSON.stringify(v)));
    for (const accept of [harmless, () => true]) {
      for (let d = 0; d < p.length; d += 1) {
        for (const i of [Math.floor(p.length / 2) + d, Math.floor(p.length / 2) - d]) {
          if (i < 0 || i >= p.length - 1) continue;
          for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
            const candidate = p.slice(0, i) + c + p.slice(i + 1);
            try {
              if (c !== p[i] && accept(JSON.parse(utf8.decode(Buffer.from(candidate, 'base64url'))))) {
                return [h, candidate, s].join('.');
              }
            } catch { /* not JSON: try the next character */ }
          }
        }
      }
    }
    throw new Error('could not tamper with the ID token');
  };
  const now = () => Math.floor(Date.now() / 1000);
  const rewrite = {
    tamper: async (token) => tamper(token),
    audience: (token) => resign(token, { aud: 'another-client' }),
    expired: (token) => resign(token, { iat: now() - 7200, exp: now() - 3600 }),
    nonce: (token) => resign(token, { nonce: 'not-the-nonce' }),
    issuer: (token) => resign(token, { iss: 'http://evil.example' }),
    foreign_key: (token) => resign(token),
  }[fault];
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 200 || ctx.body == null) return;
    const body = typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body) ? JSON.parse(ctx.body) : ctx.body;
    if (typeof body.id_token !== 'string') return;
    ctx.body = { ...body, id_token: await rewrite(body.id_token) };
  });
}

const server = provider.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
server.on('error', (err) => fail(`cannot listen on ${issuer}: ${err.message}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
