/**
 * Spanish invoice scenarios (GOBL `regimes/es/scenarios.go`): legal notes that must appear on
 * an invoice when a tag is set and the matching tax is used. The texts are the legends that
 * Real Decreto 1619/2012 (art. 6.1) asks for in each special scheme; they are copied to
 * `tax.notes` exactly, so spelling and final dots matter for output equality with GOBL.
 *
 * Order matters too: matched notes are appended in list order, so we keep GOBL's order
 * (per tag, VAT before IGIC).
 */
import type { ScenarioDef, ScenarioSet } from '../../tax/regime-def.ts';

/** The same note for VAT and for IGIC: Canary Islands invoices need the same legends. */
function vatAndIgic(tag: string, text: string): ScenarioDef[] {
  return ['VAT', 'IGIC'].map((cat) => ({ tags: [tag], categories: [cat], note: { cat, key: tag, text } }));
}

export const esInvoiceScenarios: ScenarioSet = {
  schema: 'bill/invoice',
  list: [
    ...vatAndIgic('reverse-charge', 'Reverse Charge / Inversión del sujeto pasivo.'),
    {
      tags: ['simplified-scheme'],
      categories: ['VAT'],
      note: { cat: 'VAT', key: 'simplified-scheme', text: 'Factura expedida por contribuyente en régimen simplificado.' },
    },
    // Self-billing applies whatever tax is used, so it has no category filter nor note cat.
    { tags: ['self-billed'], note: { key: 'self-billed', text: 'Facturación por el destinatario.' } },
    ...vatAndIgic('travel-agency', 'Régimen especial de las agencias de viajes.'),
    ...vatAndIgic('second-hand-goods', 'Régimen especial de los bienes usados.'),
    ...vatAndIgic('art', 'Régimen especial de los objetos de arte.'),
    ...vatAndIgic('antiques', 'Régimen especial de las antigüedades y objetos de colección.'),
    ...vatAndIgic('cash-basis', 'Régimen especial del criterio de caja.'),
  ],
};

export const esScenarios: readonly ScenarioSet[] = [esInvoiceScenarios];
