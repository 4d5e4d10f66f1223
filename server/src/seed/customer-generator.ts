// Realistic demo customers: Chinese and English names, +86 and foreign numbers, companies,
// value tiers and histories. Used by the demo seed, `npm run seed` and the benchmark loader.
import type { Direction, EndReason, ValueTier } from '../../../contract/index.js';
import type { Rng } from './random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东', '雪', '婷', '浩然', '子涵', '欣怡', '宇轩', '梓萱'];
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'Sarah', 'Daniel', 'Emma', 'Oliver', 'Sophie', 'Lucas', 'Chloe', 'Ethan', 'Grace', 'Henry'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark', 'Wong', 'Chan', 'Lee', 'Ng', 'Tan', 'Lim', 'Müller', 'Martin', 'Dubois', 'Rossi'];
const COMPANIES = ['华为技术有限公司', '深圳市腾达电子有限公司', '上海浦东物流有限公司', '北京新世纪餐饮管理有限公司', '杭州云栖科技有限公司', '广州白云家电有限公司', '成都天府软件园有限公司', 'Acme Trading Ltd', 'Pacific Freight Co.', 'Northwind Foods', 'Blue Harbour Hotels', 'Lotus Medical Supplies', 'Golden Dragon Imports', 'Evergreen Insurance'];
const REGIONS_CN = ['北京市朝阳区', '上海市浦东新区', '广东省深圳市', '广东省广州市', '浙江省杭州市', '四川省成都市', '江苏省南京市', '湖北省武汉市', '天津市和平区', '重庆市渝中区'];
const REGIONS_OTHER = ['Hong Kong', 'Singapore', 'London', 'San Francisco', 'Sydney', 'Toronto'];
const TAGS = ['repeat-caller', 'prefers-chinese', 'prefers-english', 'enterprise', 'new', 'warranty', 'billing-issue', 'reseller', '老客户', '投诉风险'];
const TIERS: readonly ValueTier[] = ['vip', 'gold', 'gold', 'silver', 'silver', 'silver', 'standard', 'standard', 'standard', 'standard'];
// Ranges libphonenumber's metadata holds valid throughout (others have unassigned blocks).
const HK_MOBILE_PREFIXES = ['61', '63', '64', '65', '69', '94', '96', '97'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '186', '187', '188', '189'];

export const DISPOSITIONS = ['resolved_first_time', 'follow_up_needed', 'complaint_logged', 'sale', 'wrong_number', 'no_answer', 'callback_requested'] as const;

const NOTES = [
  'Customer asked about the delivery date of order; confirmed shipment and gave tracking number.',
  'Billing question about a duplicate charge; refund requested, ticket raised.',
  'Router keeps dropping the connection; walked through a restart, asked to call back if it persists.',
  '客户咨询发票开具问题，已说明流程并发送邮件。',
  '客户反映安装师傅迟到两小时，情绪激动，已登记投诉。',
  '回访：客户确认问题已解决，满意。',
  'Interested in upgrading to the annual plan; sent the quote by email.',
  '客户要求更改收货地址，已在系统中更新。',
  'Left a voicemail about the renewal offer.',
  'Wrong number, caller was looking for a different company.',
];

const TICKET_SUBJECTS = ['Invoice copy requested', 'Device not powering on', '发票抬头修改', 'Change of delivery address', '账户无法登录', 'Warranty repair booking', 'Refund status enquiry', '宽带频繁掉线'];
const COMPLAINT_SUBJECTS = ['Installer arrived two hours late', '重复扣费未退款', 'Rude staff at the service centre', '产品质量问题，多次维修未果', 'Billing error on last statement', '客服承诺回电未兑现'];

export interface GeneratedPhone {
  e164: string;
  raw: string;
  label: string;
}

export interface GeneratedCustomer {
  name: string;
  email: string | null;
  company: string | null;
  region: string;
  address: string | null;
  tags: string[];
  valueTier: ValueTier;
  phones: GeneratedPhone[];
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A valid phone number, with the raw form written the way people write it. */
export function generatePhone(rng: Rng, domestic: boolean): GeneratedPhone {
  if (domestic || rng.chance(0.85)) {
    if (rng.chance(0.85)) {
      const n = rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
      const raw = rng.pick([
        `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
        `+86 ${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
        n,
      ]);
      return { e164: `+86${n}`, raw, label: 'mobile' };
    }
    const local = String(rng.int(2, 7)) + digits(rng, 7);
    const area = rng.pick(['10', '21']);
    return { e164: `+86${area}${local}`, raw: `0${area} ${local.slice(0, 4)} ${local.slice(4)}`, label: 'work' };
  }
  const kind = rng.int(0, 2);
  if (kind === 0) {
    const n = rng.pick(HK_MOBILE_PREFIXES) + digits(rng, 6);
    return { e164: `+852${n}`, raw: `+852 ${n.slice(0, 4)} ${n.slice(4)}`, label: 'mobile' };
  }
  if (kind === 1) {
    const n = `${rng.pick(['212', '415', '646', '312'])}${rng.int(2, 9)}${digits(rng, 6)}`;
    return { e164: `+1${n}`, raw: `+1 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, label: 'mobile' };
  }
  const n = `7${rng.pick(['400', '500', '800', '900'])}${digits(rng, 6)}`;
  return { e164: `+44${n}`, raw: `+44 ${n.slice(0, 4)} ${n.slice(4)}`, label: 'mobile' };
}

export function generateCustomer(rng: Rng, seq: number): GeneratedCustomer {
  const chinese = rng.chance(0.7);
  const name = chinese ? rng.pick(SURNAMES) + rng.pick(GIVEN) : `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const company = rng.chance(0.45) ? rng.pick(COMPANIES) : null;
  const region = chinese || rng.chance(0.5) ? rng.pick(REGIONS_CN) : rng.pick(REGIONS_OTHER);
  const phones = [generatePhone(rng, chinese)];
  if (rng.chance(0.2)) phones.push(generatePhone(rng, chinese));
  const tags = rng.chance(0.5) ? [rng.pick(TAGS)] : [];
  return {
    name,
    email: rng.chance(0.6) ? `user${seq}@${rng.pick(['example.com', 'example.cn', 'mail.example.org'])}` : null,
    company,
    region,
    address: rng.chance(0.5) ? `${region} ${rng.int(1, 999)}号` : null,
    tags,
    valueTier: rng.pick(TIERS),
    phones: phones.filter((p, i) => phones.findIndex((q) => q.e164 === p.e164) === i),
  };
}

export interface GeneratedInteraction {
  direction: Direction;
  startedAt: Date;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  endReason: EndReason;
  disposition: string | null;
  notes: string | null;
}

/** One past call, some time in the `days` before `now`. */
export function generateInteraction(rng: Rng, now: Date, days: number): GeneratedInteraction {
  const direction: Direction = rng.chance(0.7) ? 'inbound' : 'outbound';
  const startedAt = new Date(now.getTime() - rng.int(60, days * 86400) * 1000);
  const answered = rng.chance(0.88);
  const endReason: EndReason = answered ? 'completed' : direction === 'inbound' ? 'abandoned' : 'failed';
  return {
    direction,
    startedAt,
    waitSeconds: direction === 'inbound' ? rng.int(2, 120) : 0,
    talkSeconds: answered ? rng.int(30, 900) : 0,
    holdSeconds: answered && rng.chance(0.3) ? rng.int(5, 120) : 0,
    wrapSeconds: answered ? rng.int(5, 90) : 0,
    endReason,
    disposition: answered ? rng.pick(DISPOSITIONS) : null,
    notes: answered ? rng.pick(NOTES) : null,
  };
}

export function ticketSubject(rng: Rng): string {
  return rng.pick(TICKET_SUBJECTS);
}

export function complaintSubject(rng: Rng): string {
  return rng.pick(COMPLAINT_SUBJECTS);
}
