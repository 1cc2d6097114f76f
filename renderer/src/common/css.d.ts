// Vite bundles side-effect CSS imports (`import './x.css'`); TypeScript only needs to know they exist.
declare module '*.css';
