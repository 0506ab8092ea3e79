/**
 * What the authorities' codes mean, for answers that carry only the code. Sources: converters.md
 * §1.8 (Batuz LROE Validaciones y Errores 1.0.5), §1.9 (Gipuzkoa REST v0.2 / OCA), §3.4 (SII), §4.4.
 */
export const TBAI_REST_CODES: Readonly<Record<string, string>> = {
  '001': 'El certificado del remitente no es válido',
  '002': 'El fichero no cumple el esquema XSD',
  '003': 'El fichero no contiene líneas',
  '004': 'Faltan datos para calcular el identificador TicketBAI',
  '005': 'Factura ya registrada',
  '006': 'Servicio no disponible temporalmente',
  '007': 'El certificado del remitente no es válido para el emisor',
  '008': 'Error en verificación de firma',
  '009': 'El certificado de firma no es válido',
  '010': 'Posible error de encadenamiento',
  '011': 'Faltan datos obligatorios',
  '012': 'Error en verificación alta-inscripción software TicketBAI',
  '013': 'Dispositivo no registrado',
  '014': 'Error en la identificación del destinatario o del tercero',
  '015': 'Certificado del remitente caducado',
  '016': 'Certificado de firma caducado',
  '017': 'Mensaje demasiado largo',
  '018': 'La factura a anular no está registrada',
  '019': 'El fichero de alta ya ha sido anulado previamente',
};

export const LROE_CODES: Readonly<Record<string, string>> = {
  B4_1000001: 'El fichero XML no cumple el esquema',
  B4_1000002: 'Todos los registros son incorrectos',
  B4_1000003: 'Error al descomprimir el fichero (gzip)',
  B4_1000004: 'Error técnico, reintentar',
  B4_1000006: 'El modelo no corresponde al tipo de persona',
  B4_2000001: 'El fichero TicketBAI no es válido',
  B4_2000002: 'El emisor no coincide con el obligado tributario',
  B4_2000003: 'Registro duplicado.',
  B4_2000004: 'El registro no existe',
  B4_2000006: 'El registro ya está anulado',
  B4_2000013: 'Formato NIF-IVA incorrecto',
  B4_2000017: 'El ejercicio no coincide con la fecha de expedición',
  B4_2000026: 'Claves de régimen incompatibles',
  B4_2000060: 'El encadenamiento no coincide con la factura anterior',
  B4_2000062: 'Existen saltos en la numeración de la serie',
  B4_2000070: 'La política de firma no es válida',
  N3_0000001: 'El certificado no es válido para el NIF',
  N3_0000002: 'El nombre no coincide',
  N3_0000011: 'Error en la cabecera',
};

export const AEAT_CODES: Readonly<Record<string, string>> = {
  '1100': 'Valor o tipo incorrecto del campo',
  '1104': 'NIF no identificado',
  '1110': 'Fecha de expedición posterior a la fecha actual',
  '2000': 'Aceptado con errores',
  '3000': 'Factura duplicada',
  '3002': 'No existe el registro de facturación.',
  '4102': 'El XML no cumple el esquema. Falta informar campo obligatorio.',
  '4104': 'Error en la cabecera: el NIF del titular no está identificado',
  '4109': 'El NIF no está identificado',
  '20009': 'Error interno en el servidor',
};

export function meaning(table: Readonly<Record<string, string>>, code: string, given?: string): string {
  return given?.trim() || table[code] || `code ${code}`;
}
