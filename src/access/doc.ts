import { ALL, BUILT_IN_ROLES, PERMISSIONS, RESOURCES } from './catalogue.ts';

/** docs/access.md, generated from the catalogue so the docs cannot drift from the runtime. */
export function accessMarkdown(): string {
  const roles = BUILT_IN_ROLES.map((role) => role.name);
  const lines = [
    '# Roles and permissions',
    '',
    '<!-- Generated from src/access/catalogue.ts by `npm run docs:access`; a test fails when it is out of date. -->',
    '',
    'A permission is `action:resource`, optionally scoped `:own`. `*` grants every permission.',
    '',
    '## Permissions by resource',
    '',
    '| resource | permissions |',
    '|---|---|',
    ...Object.entries(RESOURCES).map(
      ([resource, permissions]) => `| ${resource} | ${permissions.map((p) => `\`${p}\``).join(' ')} |`,
    ),
    '',
    '## Built-in roles',
    '',
    '| role | description | permissions |',
    '|---|---|---|',
    ...BUILT_IN_ROLES.map(
      (role) => `| \`${role.name}\` | ${role.description} | ${role.permissions.map((p) => `\`${p}\``).join(' ')} |`,
    ),
    '',
    '## Matrix',
    '',
    `| permission | ${roles.join(' | ')} |`,
    `|---|${roles.map(() => ':-:').join('|')}|`,
    ...PERMISSIONS.map((permission) => {
      const cells = BUILT_IN_ROLES.map((role) =>
        role.permissions.includes(ALL) || (role.permissions as readonly string[]).includes(permission) ? '✓' : '',
      );
      return `| \`${permission}\` | ${cells.join(' | ')} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
