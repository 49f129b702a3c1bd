// A QR code encoder (ISO/IEC 18004) for the second-factor enrollment: byte mode, error correction level M,
// versions 1 to 10 (up to 213 bytes — an otpauth:// URI is about 120), the mask with the lowest penalty. Written
// here because the page has no npm packages; the output is a square of booleans the page draws as SVG.

/// Data codewords per block and error-correction codewords per block, at level M, for versions 1…10.
const blocks: { ec: number; groups: [number, number][] }[] = [
  { ec: 10, groups: [[1, 16]] }, { ec: 16, groups: [[1, 28]] }, { ec: 26, groups: [[1, 44]] }, { ec: 18, groups: [[2, 32]] },
  { ec: 24, groups: [[2, 43]] }, { ec: 16, groups: [[4, 27]] }, { ec: 18, groups: [[4, 31]] }, { ec: 22, groups: [[2, 38], [2, 39]] },
  { ec: 22, groups: [[3, 36], [2, 37]] }, { ec: 26, groups: [[4, 43], [1, 44]] },
];
const alignment: number[][] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1.
const exp = new Array<number>(512);
const log = new Array<number>(256);
{
  let value = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = value;
    log[value] = i;
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) exp[i] = exp[i - 255];
}
const multiply = (a: number, b: number) => (a === 0 || b === 0 ? 0 : exp[log[a] + log[b]]);

/// The Reed-Solomon remainder of `data` for `degree` error-correction codewords.
function reedSolomon(data: number[], degree: number): number[] {
  let generator = [1];
  for (let i = 0; i < degree; i++) {
    const next = new Array(generator.length + 1).fill(0);
    generator.forEach((coefficient, j) => {
      next[j] ^= coefficient;
      next[j + 1] ^= multiply(coefficient, exp[i]);
    });
    generator = next;
  }
  const remainder = new Array(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ remainder.shift()!;
    remainder.push(0);
    for (let j = 0; j < degree; j++) remainder[j] ^= multiply(generator[j + 1], factor);
  }
  return remainder;
}

/// Bits of the BCH code of `value` (`bits` long) with `generator` of degree `degree`.
function bch(value: number, generator: number, degree: number): number {
  let remainder = value << degree;
  for (let bit = 31; bit >= degree; bit--) if ((remainder >>> bit) & 1) remainder ^= generator << (bit - degree);
  return (value << degree) | remainder;
}

/// The modules of the QR code for `text` (UTF-8), `true` = dark; throws when it does not fit version 10.
export function qrModules(text: string): boolean[][] {
  const bytes = Array.from(new TextEncoder().encode(text));
  let version = 0;
  for (let v = 1; v <= 10; v++) {
    const capacity = blocks[v - 1].groups.reduce((sum, [count, size]) => sum + count * size, 0) * 8;
    if (4 + (v < 10 ? 8 : 16) + bytes.length * 8 <= capacity) { version = v; break; }
  }
  if (!version) throw new Error("Too long for a QR code here.");
  const { ec, groups } = blocks[version - 1];
  const dataCount = groups.reduce((sum, [count, size]) => sum + count * size, 0);

  // The bit stream: mode 0100 (bytes), the count, the bytes, a terminator, padding to whole codewords, pad bytes.
  const bits: number[] = [];
  const put = (value: number, length: number) => { for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1); };
  put(0b0100, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  bytes.forEach((byte) => put(byte, 8));
  put(0, Math.min(4, dataCount * 8 - bits.length));
  while (bits.length % 8) bits.push(0);
  for (let pad = 0xec; bits.length < dataCount * 8; pad ^= 0xec ^ 0x11) put(pad, 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));

  // Split into blocks, add each block's error correction, interleave.
  const dataBlocks: number[][] = [];
  let offset = 0;
  for (const [count, size] of groups) for (let i = 0; i < count; i++) { dataBlocks.push(data.slice(offset, offset + size)); offset += size; }
  const ecBlocks = dataBlocks.map((block) => reedSolomon(block, ec));
  const codewords: number[] = [];
  const longest = Math.max(...dataBlocks.map((block) => block.length));
  for (let i = 0; i < longest; i++) dataBlocks.forEach((block) => { if (i < block.length) codewords.push(block[i]); });
  for (let i = 0; i < ec; i++) ecBlocks.forEach((block) => codewords.push(block[i]));

  const size = version * 4 + 17;
  const modules: boolean[][] = Array.from({ length: size }, () => new Array(size).fill(false));
  const reserved: boolean[][] = Array.from({ length: size }, () => new Array(size).fill(false));
  const set = (x: number, y: number, dark: boolean) => { modules[y][x] = dark; reserved[y][x] = true; };

  // Finder patterns with their separators, timing patterns, alignment patterns, the dark module.
  const finder = (cx: number, cy: number) => {
    for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) {
      const x = cx + dx, y = cy + dy;
      if (x < 0 || y < 0 || x >= size || y >= size) continue;
      const ring = Math.max(Math.abs(dx), Math.abs(dy));
      set(x, y, ring !== 2 && ring !== 4);
    }
  };
  finder(3, 3); finder(size - 4, 3); finder(3, size - 4);
  for (let i = 0; i < size; i++) {
    if (!reserved[6][i]) set(i, 6, i % 2 === 0);
    if (!reserved[i][6]) set(6, i, i % 2 === 0);
  }
  const centres = alignment[version - 1];
  for (const cy of centres) for (const cx of centres) {
    if ((cx === 6 && cy === 6) || (cx === 6 && cy === size - 7) || (cx === size - 7 && cy === 6)) continue;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
  }
  // Format and version areas are reserved now and written for the chosen mask below.
  const drawFormat = (mask: number) => {
    const format = bch((0b00 << 3) | mask, 0x537, 10) ^ 0x5412; // level M is 00
    const bit = (i: number) => ((format >>> i) & 1) === 1;
    for (let i = 0; i <= 5; i++) set(8, i, bit(i));
    set(8, 7, bit(6)); set(8, 8, bit(7)); set(7, 8, bit(8));
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i));
    set(8, size - 8, true);
  };
  drawFormat(0);
  if (version >= 7) {
    const info = bch(version, 0x1f25, 12);
    for (let i = 0; i < 18; i++) {
      const dark = ((info >>> i) & 1) === 1;
      const a = size - 11 + (i % 3), b = Math.floor(i / 3);
      set(a, b, dark); set(b, a, dark);
    }
  }

  // The codewords, in the zigzag of two-module columns from the bottom right.
  const stream = codewords.flatMap((byte) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => ((byte >>> i) & 1) === 1));
  let index = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let step = 0; step < size; step++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - step : step;
        if (reserved[y][x]) continue;
        modules[y][x] = index < stream.length ? stream[index] : false;
        index++;
      }
    }
  }

  const masks: ((x: number, y: number) => boolean)[] = [
    (x, y) => (x + y) % 2 === 0, (_x, y) => y % 2 === 0, (x) => x % 3 === 0, (x, y) => (x + y) % 3 === 0,
    (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0, (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0, (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ];
  const apply = (mask: number) => {
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (!reserved[y][x] && masks[mask](x, y)) modules[y][x] = !modules[y][x];
  };
  let best = 0, lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    apply(mask);
    drawFormat(mask);
    const score = penalty(modules);
    if (score < lowest) { lowest = score; best = mask; }
    apply(mask); // undo (XOR)
  }
  apply(best);
  drawFormat(best);
  return modules;
}

/// The standard's penalty: runs of one colour, 2×2 blocks, finder-like patterns, and imbalance of dark modules.
function penalty(modules: boolean[][]): number {
  const size = modules.length;
  let score = 0;
  const line = (get: (i: number, j: number) => boolean) => {
    for (let i = 0; i < size; i++) {
      let run = 1;
      for (let j = 1; j <= size; j++) {
        if (j < size && get(i, j) === get(i, j - 1)) { run++; continue; }
        if (run >= 5) score += run - 2;
        run = 1;
      }
      for (let j = 0; j + 10 < size; j++) {
        const seq = Array.from({ length: 11 }, (_, k) => get(i, j + k));
        const pattern = [true, false, true, true, true, false, true];
        const matches = (at: number) => pattern.every((dark, k) => seq[at + k] === dark);
        if ((matches(0) && seq.slice(7).every((dark) => !dark)) || (matches(4) && seq.slice(0, 4).every((dark) => !dark))) score += 40;
      }
    }
  };
  line((i, j) => modules[i][j]);
  line((i, j) => modules[j][i]);
  for (let y = 0; y + 1 < size; y++) for (let x = 0; x + 1 < size; x++) {
    const c = modules[y][x];
    if (modules[y][x + 1] === c && modules[y + 1][x] === c && modules[y + 1][x + 1] === c) score += 3;
  }
  const dark = modules.reduce((sum, row) => sum + row.filter(Boolean).length, 0);
  score += Math.floor(Math.abs(dark * 20 - size * size * 10) / (size * size)) * 10;
  return score;
}
