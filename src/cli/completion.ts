import type { Command } from 'commander';
import { usage } from './errors.ts';

/** Every command path ("backlot", "backlot movies", "backlot movies list") with what may follow it: subcommands, then flags. */
function tree(program: Command): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const walk = (command: Command, path: string) => {
    const words = [
      ...command.commands.map((c) => c.name()),
      ...command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))),
    ];
    words.push('--help');
    paths.set(path, [...new Set(words)]);
    for (const child of command.commands) walk(child, `${path} ${child.name()}`);
  };
  walk(program, 'backlot');
  return paths;
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** `backlot completion bash|zsh|fish`: a script generated from the command tree, with no process started per TAB. */
export function completionScript(program: Command, shell: string): string {
  const paths = tree(program);
  switch (shell) {
    case 'bash':
      return bash(paths);
    case 'zsh':
      return `#compdef backlot\nautoload -U +X bashcompinit && bashcompinit\n${bash(paths)}`;
    case 'fish':
      return fish(program);
    default:
      throw usage(`completion takes bash, zsh or fish, not ${shell}`);
  }
}

function bash(paths: Map<string, string[]>): string {
  const entries = [...paths].map(([path, words]) => `    [${quote(path)}]=${quote(words.join(' '))}`).join('\n');
  return `# backlot completion for bash: source <(backlot completion bash)
_backlot() {
  local -A tree=(
${entries}
  )
  local cur="\${COMP_WORDS[COMP_CWORD]}" key="backlot" word
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    [[ -n "\${tree[$key $word]+set}" ]] && key="$key $word"
  done
  COMPREPLY=( $(compgen -W "\${tree[$key]}" -- "$cur") )
}
complete -F _backlot backlot
`;
}

function fish(program: Command): string {
  const lines = ['# backlot completion for fish: backlot completion fish > ~/.config/fish/completions/backlot.fish'];
  lines.push('complete -c backlot -f');
  for (const command of program.commands) {
    lines.push(
      `complete -c backlot -n '__fish_use_subcommand' -a ${command.name()} -d ${quote(command.description())}`,
    );
    const subs = command.commands.map((c) => c.name());
    for (const sub of command.commands) {
      lines.push(
        `complete -c backlot -n '__fish_seen_subcommand_from ${command.name()}; and not __fish_seen_subcommand_from ${subs.join(' ')}' -a ${sub.name()} -d ${quote(sub.description())}`,
      );
      for (const option of sub.options) {
        if (!option.long) continue;
        lines.push(
          `complete -c backlot -n '__fish_seen_subcommand_from ${command.name()}; and __fish_seen_subcommand_from ${sub.name()}' -l ${option.long.slice(2)} -d ${quote(option.description)}`,
        );
      }
    }
    for (const option of command.options) {
      if (!option.long) continue;
      lines.push(
        `complete -c backlot -n '__fish_seen_subcommand_from ${command.name()}' -l ${option.long.slice(2)} -d ${quote(option.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
