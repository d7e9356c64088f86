/** Draws the synthetic picture behind server/test/fixtures/synthetic-800x600.heic (see the README there): node scripts/heic-fixture-source.mjs OUT.png */
import sharp from 'sharp';
const w = 800, h = 600;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1e6fd9"/><stop offset="1" stop-color="#f2b705"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
<circle cx="220" cy="260" r="140" fill="#d7263d" fill-opacity="0.85"/>
<rect x="430" y="140" width="260" height="200" rx="24" fill="#2e933c" fill-opacity="0.9"/>
<polygon points="400,560 520,380 640,560" fill="#ffffff" fill-opacity="0.8"/>
</svg>`;
await sharp(Buffer.from(svg)).png().toFile(process.argv[2]);
