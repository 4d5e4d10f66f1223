import type { Db } from '../../platform/db/database.js';

export interface SessionRow {
  id: string;
  user_id: number;
  expires_at: Date;
}

export class SessionRepository {
  constructor(private readonly db: Db) {}

  async create(s: { id: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null }) {
    await this.db('sessions').insert({
      id: s.id,
      user_id: s.userId,
      expires_at: s.expiresAt,
      ip: s.ip?.slice(0, 64) ?? null,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    });
  }

  async findValid(id: string, now: Date): Promise<SessionRow | undefined> {
    return this.db('sessions').where('id', id).andWhere('expires_at', '>', now).first();
  }

  async delete(id: string): Promise<void> {
    await this.db('sessions').where('id', id).delete();
  }

  async deleteOthers(userId: number, keepId: string): Promise<void> {
    await this.db('sessions').where('user_id', userId).whereNot('id', keepId).delete();
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.db('sessions').where('expires_at', '<=', now).delete();
  }
}
