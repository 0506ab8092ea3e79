/**
 * `gobl-studio explain`: an authority's answer (TicketBAI, Bizkaia LROE, SII, VERI*FACTU) read
 * into its status and codes, as the proxy reads its own answers — for answers found in logs or
 * sent by customers.
 */
import { explainAnswer } from '../../proxy/src/explain.ts';
import { EXIT, type Command } from '../command.ts';
import { errorDocument, readSource, write } from '../io.ts';

export const explainCommand: Command = {
  name: 'explain',
  summary: "Read an authority's answer into its status and codes",
  synopsis: '[FILE|-]',
  description: `Reads a TicketBAI (Gipuzkoa/Araba), Bizkaia LROE, SII or VERI*FACTU answer from FILE and
prints {"recognised":true,"kind","authority","status","duplicate","reference","codes","records"}.
Text that is not such an answer prints {"recognised":false,"message"} and exits 1.`,
  options: [],
  maxArgs: 1,
  run: async ({ args, io }) => {
    const text = await readSource(args[0], io);
    if (!text.ok) {
      await write(io.stdout, `${JSON.stringify(errorDocument(text.error), null, 2)}\n`);
      return EXIT.faults;
    }
    const e = explainAnswer(text.text);
    await write(io.stdout, `${JSON.stringify(e, null, 2)}\n`);
    return e.recognised ? EXIT.ok : EXIT.faults;
  },
};
