/**
 * An XMLDSig/XAdES verifier, independent of how the signature was produced (ours, invopop's,
 * Facturae-PHP's…): references resolved by same-document URI, enveloped-signature and C14N
 * (inclusive/exclusive, with or without comments) transforms, SHA-1/2 digests, RSA and ECDSA
 * signature methods; then the XAdES properties (SigningCertificate digest, policy, role, time).
 */
import { createHash, createPublicKey, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { child, children, descendants, parseXml, text, type Document, type Element } from '../xml/dom.ts';
import { C14N, canonicalize, isC14nAlgorithm } from './c14n.ts';
import { DS_NS, ENVELOPED, XADES_NS } from './profiles.ts';

const DIGEST_BY_URI: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#sha224': 'sha224',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

const SIGNATURE_BY_URI: Record<string, { hash: string; ec: boolean }> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { hash: 'sha1', ec: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { hash: 'sha256', ec: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { hash: 'sha384', ec: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { hash: 'sha512', ec: false },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { hash: 'sha256', ec: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { hash: 'sha384', ec: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { hash: 'sha512', ec: true },
};

export interface ReferenceResult {
  readonly uri: string;
  readonly type?: string;
  readonly digestAlgorithm: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface VerifyResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
  readonly signatureAlgorithm?: string;
  readonly signatureValue?: string;
  readonly references: readonly ReferenceResult[];
  readonly signer?: { readonly subject: string; readonly issuer: string; readonly serialNumber: string; readonly der: Buffer };
  readonly xades?: {
    readonly signingTime?: string;
    readonly policy?: { readonly identifier: string; readonly hashMethod?: string; readonly hashValue?: string };
    readonly role?: string;
    /** SigningCertificate lists the signer's certificate with a matching digest. */
    readonly signingCertificateOk: boolean;
    readonly signedPropertiesReferenced: boolean;
  };
}

function findById(doc: Document, id: string): Element | undefined {
  let found: Element | undefined;
  const walk = (el: Element) => {
    if (found) return;
    for (const name of ['Id', 'ID', 'id']) if (el.getAttribute(name) === id) found = el;
    if (!found && el.getAttributeNS('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd', 'Id') === id) found = el;
    for (let c = el.firstChild; c && !found; c = c.nextSibling) if (c.nodeType === 1) walk(c as Element);
  };
  walk(doc.documentElement!);
  return found;
}

function contains(ancestor: Element, node: Element): boolean {
  for (let n: Element | null = node; n; n = n.parentNode as Element | null) if (n === ancestor) return true;
  return false;
}

function referenceOctets(doc: Document, sig: Element, ref: Element): string {
  const uri = ref.getAttribute('URI') ?? '';
  let target: Document | Element;
  if (uri === '') target = doc;
  else if (uri.startsWith('#')) {
    const id = uri.startsWith('#xpointer(id(') ? uri.slice(13).replace(/^['"]|['"]\)\)$/g, '') : uri.slice(1);
    const el = findById(doc, id);
    if (!el) throw new Error(`reference ${uri}: no element with that Id`);
    target = el;
  } else throw new Error(`reference ${uri}: only same-document references are supported`);
  let exclude: Element | null = null;
  let algorithm: string | undefined;
  let prefixes: string[] | undefined;
  for (const t of children(child(ref, 'Transforms'), 'Transform')) {
    const alg = t.getAttribute('Algorithm') ?? '';
    if (alg === ENVELOPED) {
      if (target === doc || contains(target as Element, sig)) exclude = sig;
    } else if (isC14nAlgorithm(alg)) {
      algorithm = alg;
      const incl = child(t, 'InclusiveNamespaces');
      prefixes = incl?.getAttribute('PrefixList')?.split(/\s+/).filter(Boolean);
    } else throw new Error(`reference ${uri}: unsupported transform ${alg}`);
  }
  return canonicalize(target, { algorithm: algorithm ?? C14N, exclude, inclusivePrefixes: prefixes });
}

function keysOf(sig: Element): { key: KeyObject; cert?: X509Certificate; der?: Buffer }[] {
  const ki = child(sig, 'KeyInfo');
  const out: { key: KeyObject; cert?: X509Certificate; der?: Buffer }[] = [];
  for (const xd of children(ki, 'X509Data')) {
    for (const c of children(xd, 'X509Certificate')) {
      const der = Buffer.from((text(c) ?? '').replace(/\s+/g, ''), 'base64');
      try {
        const cert = new X509Certificate(der);
        out.push({ key: cert.publicKey, cert, der });
      } catch {
        // unreadable certificate: ignored, reported if nothing verifies
      }
    }
  }
  const rsa = child(child(ki, 'KeyValue'), 'RSAKeyValue');
  if (rsa) {
    const n = Buffer.from((text(child(rsa, 'Modulus')) ?? '').replace(/\s+/g, ''), 'base64').toString('base64url');
    const e = Buffer.from((text(child(rsa, 'Exponent')) ?? '').replace(/\s+/g, ''), 'base64').toString('base64url');
    try {
      out.push({ key: createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' }) });
    } catch {
      // ignored
    }
  }
  return out;
}

function xadesInfo(sig: Element, signerDer: Buffer | undefined, refs: readonly ReferenceResult[], doc: Document): VerifyResult['xades'] {
  const props = descendants(sig, 'SignedProperties', XADES_NS)[0];
  if (!props) return undefined;
  const ssp = child(props, 'SignedSignatureProperties');
  const policyId = child(ssp, 'SignaturePolicyIdentifier');
  const spid = child(policyId, 'SignaturePolicyId');
  const hash = child(spid, 'SigPolicyHash');
  const policy = spid
    ? {
        identifier: (text(child(child(spid, 'SigPolicyId'), 'Identifier')) ?? '').trim(),
        hashMethod: child(hash, 'DigestMethod')?.getAttribute('Algorithm') ?? undefined,
        hashValue: text(child(hash, 'DigestValue'))?.trim(),
      }
    : undefined;
  let signingCertificateOk = false;
  const sc = child(ssp, 'SigningCertificate') ?? child(ssp, 'SigningCertificateV2');
  if (sc && signerDer) {
    for (const cert of children(sc, 'Cert')) {
      const cd = child(cert, 'CertDigest');
      const alg = DIGEST_BY_URI[child(cd, 'DigestMethod')?.getAttribute('Algorithm') ?? ''];
      const value = text(child(cd, 'DigestValue'))?.trim();
      if (alg && value && createHash(alg).update(signerDer).digest('base64') === value) signingCertificateOk = true;
    }
  }
  const propsId = props.getAttribute('Id');
  const signedPropertiesReferenced = refs.some((r) => r.ok && propsId && r.uri === `#${propsId}` && findById(doc, propsId) === props);
  return {
    signingTime: text(child(ssp, 'SigningTime'))?.trim(),
    policy,
    role: text(child(child(child(ssp, 'SignerRole'), 'ClaimedRoles'), 'ClaimedRole'))?.trim(),
    signingCertificateOk,
    signedPropertiesReferenced,
  };
}

/** Verifies one ds:Signature element of an already parsed document. */
export function verifySignatureElement(doc: Document, sig: Element): VerifyResult {
  const errors: string[] = [];
  const si = child(sig, 'SignedInfo');
  if (!si) return { valid: false, errors: ['no SignedInfo'], references: [] };
  const c14nAlg = child(si, 'CanonicalizationMethod')?.getAttribute('Algorithm') ?? '';
  const sigAlg = child(si, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const references: ReferenceResult[] = children(si, 'Reference').map((ref) => {
    const uri = ref.getAttribute('URI') ?? '';
    const type = ref.getAttribute('Type') ?? undefined;
    const dAlgUri = child(ref, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
    const alg = DIGEST_BY_URI[dAlgUri];
    if (!alg) return { uri, type, digestAlgorithm: dAlgUri, ok: false, error: `unsupported digest ${dAlgUri}` };
    try {
      const actual = createHash(alg).update(referenceOctets(doc, sig, ref), 'utf8').digest('base64');
      const expected = (text(child(ref, 'DigestValue')) ?? '').replace(/\s+/g, '');
      return actual === expected ? { uri, type, digestAlgorithm: dAlgUri, ok: true } : { uri, type, digestAlgorithm: dAlgUri, ok: false, error: 'digest mismatch' };
    } catch (e) {
      return { uri, type, digestAlgorithm: dAlgUri, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  });
  if (references.length === 0) errors.push('SignedInfo has no Reference');
  for (const r of references) if (!r.ok) errors.push(`reference "${r.uri}": ${r.error}`);

  const signatureValue = (text(child(sig, 'SignatureValue')) ?? '').replace(/\s+/g, '');
  const method = SIGNATURE_BY_URI[sigAlg];
  let signer: VerifyResult['signer'];
  let signatureOk = false;
  if (!method) errors.push(`unsupported signature method ${sigAlg}`);
  else if (!isC14nAlgorithm(c14nAlg)) errors.push(`unsupported canonicalization ${c14nAlg}`);
  else {
    const data = Buffer.from(canonicalize(si, { algorithm: c14nAlg }), 'utf8');
    const value = Buffer.from(signatureValue, 'base64');
    const keys = keysOf(sig);
    if (keys.length === 0) errors.push('KeyInfo holds no usable key');
    for (const k of keys) {
      try {
        const ok = cryptoVerify(method.hash, data, method.ec ? { key: k.key, dsaEncoding: 'ieee-p1363' } : k.key, value);
        if (ok) {
          signatureOk = true;
          if (k.cert && k.der) signer = { subject: k.cert.subject, issuer: k.cert.issuer, serialNumber: k.cert.serialNumber, der: k.der };
          break;
        }
      } catch {
        // wrong key type for this method: try the next key
      }
    }
    if (keys.length > 0 && !signatureOk) errors.push('SignatureValue does not verify with the key in KeyInfo');
  }
  const xades = xadesInfo(sig, signer?.der, references, doc);
  if (xades && signer && !xades.signingCertificateOk) errors.push('xades:SigningCertificate does not match the signing certificate');
  if (xades && !xades.signedPropertiesReferenced) errors.push('xades:SignedProperties is not covered by a valid reference');
  return { valid: errors.length === 0, errors, signatureAlgorithm: sigAlg, signatureValue, references, signer, xades };
}

/** Parses `xml` and verifies its first (or only) ds:Signature. */
export function verifyXml(xml: string): VerifyResult {
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return { valid: false, errors: [`not well-formed: ${e instanceof Error ? e.message : String(e)}`], references: [] };
  }
  const sigs = descendants(doc, 'Signature', DS_NS);
  if (sigs.length === 0) return { valid: false, errors: ['no ds:Signature'], references: [] };
  return verifySignatureElement(doc, sigs[0]);
}

/** Verifies every ds:Signature in the document (VERI*FACTU batches carry one per record). */
export function verifyAll(xml: string): VerifyResult[] {
  const doc = parseXml(xml);
  return descendants(doc, 'Signature', DS_NS).map((s) => verifySignatureElement(doc, s));
}
