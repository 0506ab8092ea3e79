/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  build: { chunkSizeWarningLimit: 5000 },
  worker: { format: 'es' },
  test: {
    include: ['engine/**/*.test.ts', 'test/**/*.test.ts', 'proxy/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
