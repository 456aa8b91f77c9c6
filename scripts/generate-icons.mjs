/* global Buffer, console */
// Draws the favicon set and app icons in public/ from public/icon.svg (run after changing it:
// `node scripts/generate-icons.mjs`; the results are committed, nothing runs this at build time).
import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';

const svg = readFileSync('public/icon.svg');
async function maskable(size) {
  // The safe zone of a maskable icon is the inner 80 %: the box sits inside it on the blue.
  const inner = await sharp(svg, { density: 384 }).resize(Math.round(size * 0.8), Math.round(size * 0.8)).png().toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background: '#0b3a63' } })
    .composite([{ input: inner, gravity: 'center' }]).png({ compressionLevel: 9 }).toBuffer();
}

/** An .ico holding PNG images (every browser since Windows Vista reads these). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + images.length * 16;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const plain = (size) => sharp(svg, { density: 384 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();
writeFileSync('public/favicon.ico', ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await plain(size) })))));
writeFileSync('public/apple-touch-icon.png', await maskable(180));
writeFileSync('public/icon-192.png', await plain(192));
writeFileSync('public/icon-512.png', await plain(512));
writeFileSync('public/icon-maskable-512.png', await maskable(512));
console.log('public/: favicon.ico, apple-touch-icon.png, icon-192.png, icon-512.png, icon-maskable-512.png');
