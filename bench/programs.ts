/** Builds a Pulumi YAML program body with `count` RandomString resources and `changed` of them given a different keeper. */
export function randomStringsProgram(count: number, keeper = "a", changed = 0): string {
  const lines = ["resources:"];
  for (let index = 0; index < count; index++) {
    const value = index < changed ? `${keeper}-changed` : keeper;
    lines.push(`  s${index}:`);
    lines.push("    type: random:index/randomString:RandomString");
    lines.push(`    properties: { length: 8, special: false, keepers: { k: "${value}" } }`);
  }
  return `${lines.join("\n")}\n`;
}
