// Passwords found in the command line, so no message can echo them whatever produced it.

const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:(.*)@/i;
const PASSWORD_PARAM = /[?&]password=([^&]*)/gi;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Passwords in one argument: in `scheme://user:password@host` and in `?password=` parameters. */
export function passwordsIn(arg: string): string[] {
  const found: string[] = [];
  const userInfo = URL_WITH_PASSWORD.exec(arg.trim())?.[1];
  if (userInfo) found.push(userInfo);
  try {
    const url = new URL(arg.trim());
    if (url.password) found.push(url.password);
  } catch {
    // not a URL: nothing more to find
  }
  for (const m of arg.matchAll(PASSWORD_PARAM)) if (m[1]) found.push(m[1]);
  return [...new Set(found.flatMap((p) => [p, decoded(p)]))].filter((p) => p.length > 0);
}

/** A function that replaces every password of `args` in a text by `***`. */
export function secretScrubber(args: readonly string[]): (text: string) => string {
  const secrets = [...new Set(args.flatMap(passwordsIn))].sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
