// Recordings under /api/recordings: a customer's recordings, and one recording's audio. Thin:
// parse, call the service, answer. Marketers hear no calls; the service checks who may see the
// customer whose call it is, and audits each play.
import { Router } from 'express';
import { z } from 'zod';
import { IdParam, RecordingListQuery, type RecordingList } from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { RecordingService } from '../recording.service.js';

const NoQuery = z.object({}).strict();
/** One byte range, as an <audio> element asks for it to seek (`bytes=N-` or `bytes=N-M`). */
const RANGE = /^bytes=(\d{1,12})-(\d{0,12})$/;

export function recordingRoutes(recordings: RecordingService): Router {
  const r = Router();
  r.use(requireRole('agent', 'supervisor', 'admin'));

  r.get('/', async (req, res) => {
    const { customerId } = parseInput(RecordingListQuery, req.query, 'query');
    const out: RecordingList = { items: await recordings.ofCustomer(contextOf(req), customerId) };
    res.json(out);
  });

  r.get('/:id/audio', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    const range = RANGE.exec(req.get('range') ?? '');
    const from = range ? Number(range[1]) : 0;
    // A play starts at the beginning; the requests a seek makes later are the same play.
    const wav = await recordings.play(contextOf(req), id, from === 0);
    res.set({ 'Content-Type': 'audio/wav', 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-store' });
    if (!range) return res.send(wav);
    const to = Math.min(range[2] ? Number(range[2]) : wav.length - 1, wav.length - 1);
    if (from > to) return res.status(416).set('Content-Range', `bytes */${wav.length}`).end();
    res.status(206).set('Content-Range', `bytes ${from}-${to}/${wav.length}`).send(wav.subarray(from, to + 1));
  });
  return r;
}
