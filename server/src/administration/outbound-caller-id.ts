// The default outbound caller id as the switch reads it: held in memory, because the switch
// asks on every call it places and cannot wait for the database in the middle of an INVITE.
// It is read again at start and after every change of numbers (the routing reload).
import type { Db } from '../platform/db/database.js';
import { NewestRead } from '../platform/newest-read.js';
import { PhoneNumberRepository } from './data/phone-number.repository.js';

export class OutboundCallerId {
  private number: string | null = null;
  private readonly numbers: PhoneNumberRepository;
  /** Two admins' saves can refresh at once: the newest read wins, as in the routing reload. */
  private readonly reads = new NewestRead();

  constructor(db: Db) {
    this.numbers = new PhoneNumberRepository(db);
  }

  /** The number called parties outside the site see, or null when none is set. */
  current(): string | null {
    return this.number;
  }

  async refresh(): Promise<void> {
    await this.reads.run(
      () => this.numbers.defaultOutbound(),
      (number) => {
        this.number = number;
      },
    );
  }
}
