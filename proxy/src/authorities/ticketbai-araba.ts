/** TicketBAI Araba: REST facturas/anulaciones (converters.md §1.7). */
import { tbaiRestClient } from './ticketbai-rest.ts';

export const arabaClient = tbaiRestClient('tbai-araba');
