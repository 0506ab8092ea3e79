/**
 * TicketBAI (Araba, Bizkaia, Gipuzkoa): GOBL invoice → alta / anulación XML, the TicketBAI
 * identifier and QR URL, and TicketBAI alta XML → minimal GOBL invoice.
 */
export { toTicketBai, type TicketBaiOptions } from './alta.ts';
export { toTicketBaiCancel, issueDateFromIdentifier, type TicketBaiCancelOptions, STAMP_TBAI_CODE } from './cancel.ts';
export { type ChainData, CHAIN_SIGNATURE_LENGTH } from './huella.ts';
export { crc8, queryEscape, tbaiIdentifier, tbaiQrUrl, QR_BASE_URLS, type TbaiEnvironment, type TbaiIdentifierInput, type TbaiQrInput } from './identifiers.ts';
export { type TbaiZone, NS_ALTA, NS_ANULA, TBAI_VERSION } from './common.ts';
export { fromTicketBai, type FromTicketBaiOptions } from './import.ts';
export { chainDataFromXml } from './chain.ts';
