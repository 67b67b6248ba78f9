/** The modules of a chain, checked once: unique names, unique store prefixes, commands by name. */
import { ChainError } from '../errors.ts';
import type { AnyCommand, ChainModule } from './module.ts';

export interface ResolvedCommand {
  readonly module: ChainModule;
  readonly command: AnyCommand;
}

export class ModuleRegistry {
  readonly modules: readonly ChainModule[];
  private readonly byName = new Map<string, ResolvedCommand>();

  constructor(modules: readonly ChainModule[]) {
    const names = new Set<string>();
    const prefixes = new Set<number>();
    for (const m of modules) {
      if (names.has(m.name)) throw new Error(`two modules are named ${m.name}`);
      if (prefixes.has(m.storePrefix)) throw new Error(`two modules use store prefix ${m.storePrefix}`);
      names.add(m.name);
      prefixes.add(m.storePrefix);
      for (const c of m.commands) {
        const key = `${m.name}/${c.name}`;
        if (this.byName.has(key)) throw new Error(`duplicate command ${key}`);
        this.byName.set(key, { module: m, command: c });
      }
    }
    this.modules = Object.freeze([...modules]);
  }

  resolve(moduleName: string, commandName: string): ResolvedCommand {
    const r = this.byName.get(`${moduleName}/${commandName}`);
    if (r === undefined) throw new ChainError('TX_UNKNOWN_COMMAND', `no command ${moduleName}/${commandName} on this chain`);
    return r;
  }
}
