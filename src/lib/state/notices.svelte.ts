/** Short messages for the person (import failed, link copied), shown above the status bar. */
export type NoticeKind = 'info' | 'error';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly text: string;
}

export class Notices {
  items = $state.raw<Notice[]>([]);
  #next = 1;

  /** Errors stay until dismissed; information goes away by itself. */
  show(kind: NoticeKind, text: string, ms = kind === 'error' ? 0 : 4000): number {
    const id = this.#next++;
    this.items = [...this.items.filter((n) => n.text !== text), { id, kind, text }];
    if (ms > 0) setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}
