/** TicketBAI Gipuzkoa: REST alta/baja (converters.md §1.7). */
import { tbaiRestClient } from './ticketbai-rest.ts';

export const gipuzkoaClient = tbaiRestClient('tbai-gipuzkoa');
