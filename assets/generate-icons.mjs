// Draws the app icon (an anchor on a rounded square) without any image library: signed distance functions,
// 4×4 supersampling, and a minimal PNG encoder (zlib + CRC-32 from Node). Run: node assets/generate-icons.mjs
// Writes assets/icon.png (1024², electron-builder derives .icns/.ico from it), assets/icons/NxN.png for Linux,
// and assets/icon.svg (the same drawing, for docs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BG = [21, 71, 130]; // deep sea blue
const FG = [255, 255, 255];

// Shapes in a 0..1 unit square: negative distance = inside.
const sdCircle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const sdRing = (x, y, cx, cy, r, w) => Math.abs(Math.hypot(x - cx, y - cy) - r) - w;
const sdBox = (x, y, cx, cy, hw, hh, r = 0) => {
  const dx = Math.abs(x - cx) - hw + r;
  const dy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
};
function anchor(x, y) {
  const ring = sdRing(x, y, 0.5, 0.22, 0.065, 0.022);
  const shaft = sdBox(x, y, 0.5, 0.52, 0.03, 0.26, 0.01);
  const bar = sdBox(x, y, 0.5, 0.36, 0.16, 0.026, 0.02);
  // Lower arc: a ring segment below its centre.
  const arcRing = sdRing(x, y, 0.5, 0.5, 0.27, 0.03);
  const arc =
    y > 0.56
      ? arcRing
      : Math.max(arcRing, sdCircle(x, y, 0.22, 0.52, 0.05), sdCircle(x, y, 0.78, 0.52, 0.05));
  // Flukes: small triangles approximated by circles at the arc's tips.
  const flukeL = sdCircle(x, y, 0.235, 0.585, 0.05);
  const flukeR = sdCircle(x, y, 0.765, 0.585, 0.05);
  return Math.min(ring, shaft, bar, arc, flukeL, flukeR);
}
const background = (x, y) => sdBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.2);

function render(size) {
  const ss = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (background(x, y) <= 0) {
            bg++;
            if (anchor(x, y) <= 0) fg++;
          }
        }
      }
      const n = ss * ss;
      const a = bg / n;
      const f = bg ? fg / bg : 0;
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(BG[c] * (1 - f) + FG[c] * f);
      row[o + 3] = Math.round(a * 255);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

function png(width, height, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(join(here, 'icon.png'), render(1024));
mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512])
  writeFileSync(join(here, 'icons', `${size}x${size}.png`), render(size));

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" aria-label="Anchorage">
  <rect x="4" y="4" width="92" height="92" rx="20" fill="rgb(${BG.join(',')})"/>
  <g fill="none" stroke="#fff" stroke-linecap="round">
    <circle cx="50" cy="22" r="6.5" stroke-width="4.4"/>
    <path d="M50 28.5V78" stroke-width="6"/>
    <path d="M34 36H66" stroke-width="5.2"/>
    <path d="M23.5 55A27 27 0 0 0 76.5 55" stroke-width="6"/>
  </g>
  <circle cx="23.5" cy="58.5" r="5" fill="#fff"/>
  <circle cx="76.5" cy="58.5" r="5" fill="#fff"/>
</svg>
`;
writeFileSync(join(here, 'icon.svg'), svg);
console.log('icons written to', here);
