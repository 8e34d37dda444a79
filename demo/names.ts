import type { Random } from './prng';

/** Synthetic names built from invented syllables: no real company is named. */
const SYLLABLES = [
  'val',
  'tor',
  'nex',
  'mar',
  'qui',
  'lor',
  'zen',
  'dra',
  'ost',
  'ber',
  'cal',
  'vir',
  'mon',
  'sel',
  'ta',
  'ri',
  'no',
  'va',
  'ke',
  'lu',
  'ar',
  'den',
  'fal',
  'gri',
  'hel',
  'ion',
  'jar',
  'kro',
  'lem',
  'pra',
];
const PARTNER_SUFFIXES = [
  'Cloud',
  'Cloud Services',
  'Hosting',
  'Datacenters',
  'Systems',
  'Digital',
  'Networks',
  'IT Services',
  'Infrastructure',
  'Compute',
];
const CUSTOMER_SUFFIXES = ['Group', 'Holding', 'Industries', 'Partners', 'Solutions', 'Works', 'Company', 'Trust', 'Labs', 'Logistics'];

function word(random: Random): string {
  const length = random.int(2, 3);
  let text = '';
  for (let i = 0; i < length; i++) text += random.pick(SYLLABLES);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class NameBook {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  partner(): string {
    return this.unique(`${word(this.random)} ${this.random.pick(PARTNER_SUFFIXES)}`);
  }

  customer(): string {
    return this.unique(`${word(this.random)} ${this.random.pick(CUSTOMER_SUFFIXES)}`);
  }

  private unique(name: string): string {
    let candidate = name;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${name} ${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

export function websiteFor(name: string): string {
  return `https://www.${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.example`;
}
