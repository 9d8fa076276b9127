import sharp from 'sharp';

/**
 * Pictures for the demo products, drawn here (no stock photos in the repository): a
 * mango, a tea bush, a calf, or a basket, on the colours of its kind. PNG bytes, which go
 * through the media module like any phone photo.
 */
const SCENES: Record<string, (hue: number) => string> = {
  produce: (hue) => `
    <rect width="800" height="800" fill="hsl(${hue},70%,88%)"/>
    <ellipse cx="400" cy="430" rx="250" ry="200" fill="hsl(${38 + (hue % 12)},95%,55%)" transform="rotate(-18 400 430)"/>
    <ellipse cx="330" cy="360" rx="90" ry="50" fill="hsl(50,100%,78%)" opacity="0.7" transform="rotate(-30 330 360)"/>
    <path d="M520 230 q60 -90 150 -60 q-50 80 -150 60z" fill="hsl(120,45%,38%)"/>`,
  tea: (hue) => `
    <rect width="800" height="800" fill="hsl(${90 + (hue % 30)},40%,86%)"/>
    <path d="M400 700 V380" stroke="hsl(30,40%,30%)" stroke-width="18"/>
    <ellipse cx="300" cy="400" rx="120" ry="52" fill="hsl(95,55%,38%)" transform="rotate(-35 300 400)"/>
    <ellipse cx="500" cy="360" rx="130" ry="55" fill="hsl(85,60%,42%)" transform="rotate(30 500 360)"/>
    <ellipse cx="400" cy="250" rx="70" ry="130" fill="hsl(70,65%,48%)"/>`,
  adoption: (hue) => `
    <rect width="800" height="800" fill="hsl(${100 + (hue % 20)},35%,80%)"/>
    <rect y="560" width="800" height="240" fill="hsl(100,40%,55%)"/>
    <ellipse cx="400" cy="470" rx="230" ry="130" fill="hsl(25,45%,38%)"/>
    <circle cx="610" cy="380" r="80" fill="hsl(25,45%,34%)"/>
    <rect x="240" y="540" width="40" height="130" fill="hsl(25,45%,30%)"/>
    <rect x="520" y="540" width="40" height="130" fill="hsl(25,45%,30%)"/>`,
  other: (hue) => `
    <rect width="800" height="800" fill="hsl(${hue},45%,86%)"/>
    <path d="M180 380 h440 l-60 300 h-320z" fill="hsl(35,55%,45%)"/>
    <circle cx="320" cy="340" r="70" fill="hsl(${hue},70%,50%)"/><circle cx="470" cy="330" r="80" fill="hsl(${hue + 40},70%,55%)"/>`,
};

export async function demoPhoto(kind: string, seed: number): Promise<Buffer> {
  const scene = SCENES[kind] ?? SCENES.other;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">${scene((seed * 47) % 360)}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
