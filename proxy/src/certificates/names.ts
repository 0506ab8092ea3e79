/**
 * Distinguished names as strings. `goRdnString` reproduces Go's `pkix.RDNSequence.String()` (last RDN
 * first, "," between RDNs, known types by short name, others as `oid=#hex`), which is what the
 * reference signer writes into xades:IssuerSerial/ds:X509IssuerName (converters.md §2.1).
 */
import forge from 'node-forge';

const GO_NAMES: Record<string, string> = {
  '2.5.4.6': 'C',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.3': 'CN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.17': 'POSTALCODE',
};

function goEscape(s: string): string {
  let out = '';
  const chars = [...s];
  chars.forEach((c, k) => {
    let esc = false;
    if (',+"\\<>;'.includes(c)) esc = true;
    else if (c === ' ') esc = k === 0 || k === chars.length - 1;
    else if (c === '#') esc = k === 0;
    out += esc ? '\\' + c : c;
  });
  return out;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** DER of a string value re-encoded as Go's asn1.Marshal would (PrintableString or UTF8String). */
function goMarshalString(s: string): string {
  const tag = PRINTABLE.test(s) ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8;
  const bytes = tag === forge.asn1.Type.UTF8 ? forge.util.encodeUtf8(s) : s;
  const der = forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, tag, false, bytes)).getBytes();
  return forge.util.bytesToHex(der);
}

interface Attr {
  readonly type: string;
  readonly value: string;
}

function attrsOf(name: forge.pki.Certificate['issuer']): Attr[] {
  return name.attributes.map((a) => {
    let value = String(a.value);
    if ((a as { valueTagClass?: number }).valueTagClass === forge.asn1.Type.UTF8) {
      try {
        value = forge.util.decodeUtf8(value);
      } catch {
        // keep the raw bytes
      }
    }
    return { type: a.type ?? '', value };
  });
}

export function goRdnString(attrs: readonly Attr[]): string {
  return [...attrs]
    .reverse()
    .map((a) => {
      const short = GO_NAMES[a.type];
      return short ? `${short}=${goEscape(a.value)}` : `${a.type}=#${goMarshalString(a.value)}`;
    })
    .join(',');
}

/** Parses a DER certificate with forge (for attribute types and order Node's X509Certificate hides). */
export function forgeCertificate(der: Uint8Array): forge.pki.Certificate {
  return forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary'))));
}

export function issuerAttributes(der: Uint8Array): Attr[] {
  return attrsOf(forgeCertificate(der).issuer);
}

export function subjectAttributes(der: Uint8Array): Attr[] {
  return attrsOf(forgeCertificate(der).subject);
}

/** The issuer name in Go's form, e.g. `CN=AC FNMT Usuarios,OU=Ceres,O=FNMT-RCM,C=ES`. */
export function goIssuerName(der: Uint8Array): string {
  return goRdnString(issuerAttributes(der));
}
