// Vite's ?raw import: the SQL files are bundled into the demo as text.
declare module '*.sql?raw' {
  const text: string;
  export default text;
}
