/**
 * Monaco, bundled locally (never from a CDN): every editor feature, the JSON language service
 * and the XML tokenizer. Workers come from Vite `?worker` imports.
 */
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/xml/register';
import * as jsonLanguage from 'monaco-editor/languages/features/json/register';
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export { monaco, jsonLanguage };
