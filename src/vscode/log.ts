import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/** The core Logger over one LogOutputChannel ("Tokentier"), created first at activation. */
export function createLogger(context: vscode.ExtensionContext): { logger: Logger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Tokentier', { log: true });
  context.subscriptions.push(channel);
  const logger: Logger = {
    trace: (m, ...a) => channel.trace(m, ...a),
    debug: (m, ...a) => channel.debug(m, ...a),
    info: (m, ...a) => channel.info(m, ...a),
    warn: (m, ...a) => channel.warn(m, ...a),
    error: (m, ...a) => channel.error(m, ...a),
  };
  return { logger, channel };
}
