/**
 * Gives Monaco's JSON service the JSON Schemas generated from the engine's models, so the editor
 * autocompletes fields and Spanish extension codes and explains them on hover. Loaded lazily.
 */
import { jsonDefaults } from './loader.ts';

/** The generated invoice schema (its extension code lists also feed the quick fixes). */
export const invoiceSchema = (): Promise<unknown> => import('../../../schemas/bill-invoice.json').then((m) => m.default);

export async function configureJsonSchemas(): Promise<void> {
  const [defaults, invoice, envelope] = await Promise.all([
    jsonDefaults(),
    invoiceSchema(),
    import('../../../schemas/envelope.json').then((m) => m.default),
  ]);
  defaults.setDiagnosticsOptions({
    validate: true,
    enableSchemaRequest: false,
    allowComments: false,
    schemaValidation: 'warning',
    schemas: [
      { uri: (invoice as { $id: string }).$id, fileMatch: ['inmemory://studio/document.json'], schema: invoice },
      { uri: (envelope as { $id: string }).$id, schema: envelope },
    ],
  });
}
