// The ways a known number reaches the screen-pop: as dialled, as written by people, as SIP sends it.
import type { Rng } from '../../server/src/seed/random.js';

export function writtenForms(e164: string): string[] {
  const forms = [e164, `tel:${e164}`, `00${e164.slice(1)}`, `sip:${e164}@pbx.example.com;user=phone`];
  const cn = /^\+86(\d+)$/.exec(e164);
  if (cn) {
    const n = cn[1]!;
    if (n.length === 11 && n.startsWith('1')) {
      forms.push(`${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, `+86 ${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, n, `(+86) ${n}`);
    } else {
      // The generator's landlines: two-digit area code (Beijing 10, Shanghai 21) and eight digits.
      const area = n.slice(0, 2);
      const local = n.slice(2);
      forms.push(`0${area} ${local.slice(0, 4)} ${local.slice(4)}`, `(0${area}) ${local}`, `+86 ${area} ${local}`, `0${area}-${local}`);
    }
    return forms;
  }
  const intl = /^\+(852|1|44)(\d+)$/.exec(e164);
  if (intl) {
    const [, cc, n] = intl as unknown as [string, string, string];
    forms.push(`+${cc} ${n.slice(0, 4)} ${n.slice(4)}`, `00${cc} ${n}`, `+${cc}-${n}`);
  }
  return forms;
}

export function randomForm(rng: Rng, e164: string): string {
  return rng.pick(writtenForms(e164));
}
