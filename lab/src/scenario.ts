import { z } from 'zod';

const platformSchema = z.strictObject({ goos: z.string().min(1), goarch: z.string().min(1) });

/** The contract of `lab/scenarios/<name>/scenario.json`, checked when the scenario is loaded. */
export const scenarioSchema = z.strictObject({
  description: z.string().min(1),
  kind: z.enum(['positive', 'control']),
  /** Tools looked up on PATH, or absolute paths that must exist. `go` is always required. */
  requires: z.array(z.string().min(1)).default([]),
  /** Shell commands run (bash -e) in the workspace before the captured step; not part of the log. */
  setup: z.array(z.string().min(1)).default([]),
  /** Step-level env, shown in the log's `env:` block. `${workspace}` is replaced by the workspace path. */
  env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string()).default({}),
  /** The machine must be in a state where the failure can happen (e.g. a fix from an earlier run not installed). */
  precondition: z.strictObject({ command: z.string().min(1), reason: z.string().min(1) }).optional(),
  /** The step's `run:` script, run with `bash -e` in the workspace. */
  command: z.string().min(1),
  expect: z.union([
    z.strictObject({ class: z.string().min(1), host: platformSchema, target: platformSchema }),
    z.strictObject({ incidents: z.literal(0) }),
  ]),
  /**
   * The purpose checks, after the fix commands exit 0: what the program printed, the artifacts' architecture read from
   * their ELF headers (path relative to the workspace → GOARCH), and that test binaries really ran (`ok  pkg` lines).
   */
  verify: z
    .strictObject({
      stdoutContains: z.string().min(1).optional(),
      artifacts: z.record(z.string().min(1), z.string().min(1)).optional(),
      testsRan: z.literal(true).optional(),
    })
    .optional(),
  /**
   * Commands run after the fix (lab mode only, pass or fail) that put the machine back into the state where the
   * failure reproduces, e.g. removing a -dev package the fix installed. Runs with the fix's env (sudo shim included).
   */
  teardown: z.array(z.string().min(1)).default([]),
  /** Fix commands known to turn this scenario green here (`--reference` runs them instead of asking the CLI). */
  referenceFix: z.array(z.string().min(1)).min(1).optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ExpectedPlatform = z.infer<typeof platformSchema>;
