'use strict';

// The JWKS document that login's tokens verify with, which API Gateway answers at GET /.well-known/jwks.json
// (serverless.yml) and aggregate reads there. It is made at deploy time from login's public key, since on Lambda the
// private key stays in Secrets Manager:
//
//   bin/cumulus jwks jwt-public.pem > jwks.json           # the old and the new public key during a rotation
//   npx serverless@3.40.0 deploy --stage dev --param="jwks=jwks.json"
//
// This reads the file custom.jwksFile names (--param="jwks=...", default jwks.json), refuses anything but RSA public
// keys (a private member would be published), and returns the document as compact JSON text for the mock
// integration's response template.
const fs = require('fs');
const path = require('path');

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

module.exports = async ({ resolveVariable }) => {
  const file = path.resolve(await resolveVariable('self:custom.jwksFile'));
  const fail = (why) => {
    throw new Error(`${file}: ${why}. Make it with 'bin/cumulus jwks jwt-public.pem > jwks.json' and give it with `
      + '--param="jwks=jwks.json" (docs/tokens.md)');
  };
  if (!fs.existsSync(file)) fail('no JWKS document');
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail('not JSON');
  }
  if (!doc || !Array.isArray(doc.keys) || doc.keys.length === 0) fail('no "keys" in it');
  for (const key of doc.keys) {
    if (key.kty !== 'RSA' || !key.n || !key.e || !key.kid) fail('a key that is not an RSA public key with a kid');
    const secret = PRIVATE_MEMBERS.filter((member) => member in key);
    if (secret.length) fail(`a key with private members (${secret}): publish public keys only`);
  }
  const text = JSON.stringify(doc);
  // the text becomes a Velocity template: no directive or reference may hide in it (base64url has neither)
  if (/[$#\\]/.test(text)) fail('characters a response template would interpret ($, #, \\)');
  return text;
};
