// Vite bundles side-effect CSS imports (`import './list.css'`); TypeScript only needs to know they exist.
declare module '*.css';
