/** FacturaE 3.2.2: GOBL invoice → XML (`toFacturae`) and back (`fromFacturae`). */
export { toFacturae, type FacturaeOptions } from './export.ts';
export { fromFacturae } from './import.ts';
