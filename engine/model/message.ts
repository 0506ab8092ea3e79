/** note/message: a free-text message (schemas/note/message.json). */
import { z } from 'zod';
import { obj, stringMap, text, uuid } from './primitives.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();

export const message = obj({
  $schema: o(text),
  uuid: o(uuid),
  title: o(text),
  content: o(text),
  meta: o(stringMap),
});

export type Message = z.infer<typeof message>;
