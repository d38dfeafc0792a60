import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types (bench scripts are JavaScript)
import { breakdownOf, bucketOf } from "../../bench/lib/native.mjs";

const WORKERD = "/repo/node_modules/@cloudflare/workerd-linux-64/bin/workerd";
const sample = (...frames: string[]) => frames.map((frame, i) => `\t    ${(0x1000 + i).toString(16)} ${frame}`).join("\n");

describe("bench:profile --native reads perf's samples", () => {
  it("puts each innermost frame in its bucket", () => {
    expect(bucketOf("sqlite3VdbeExec", "workerd")).toMatch(/^SQLite/);
    expect(bucketOf("walIndexAppend", "workerd")).toMatch(/^SQLite/);
    expect(bucketOf("[unknown]", "perf-17897.map")).toMatch(/^JavaScript/);
    expect(bucketOf("Builtins_JsonParse", "workerd")).toMatch(/^V8 builtins/);
    expect(bucketOf("v8::internal::Scavenger::ScavengePage", "workerd")).toMatch(/^V8 runtime/);
    expect(bucketOf("non-virtual thunk to kj::_::ChainPromiseNode::fire()", "workerd")).toMatch(/^event loop/);
    expect(bucketOf("tcp_sendmsg", "[kernel.kallsyms]")).toMatch(/^kernel/);
    expect(bucketOf("__memmove_avx512_unaligned_erms", "libc.so.6")).toMatch(/^libc/);
    expect(bucketOf("_int_malloc", "libc.so.6")).toBe("memory allocation");
    expect(bucketOf("moveToChild", "workerd")).toMatch(/^SQLite/);
    expect(bucketOf("__vdso_clock_gettime", "[vdso]")).toMatch(/^kernel/);
    expect(bucketOf("mystery", "workerd")).toBe("other");
  });

  it("counts a frame no rule knows where its nearest known caller is, and keeps an unreadable frame's place", () => {
    const text = [sample(`mystery (${WORKERD})`, `sqlite3_step (${WORKERD})`), sample("not a frame line", `Builtins_JsonParse (${WORKERD})`), sample(`mystery (${WORKERD})`)].join("\n\n");
    const { samples, unparsed, buckets } = breakdownOf(text) as { samples: number; unparsed: number; buckets: [string, number][] };
    expect({ samples, unparsed }).toEqual({ samples: 3, unparsed: 1 });
    expect(Object.fromEntries(buckets)).toEqual({ "SQLite (statements, commits, files)": 1 / 3, "V8 builtins (JSON, promises, property access)": 1 / 3, other: 1 / 3 });
  });

  it("counts samples by innermost frame and regions by any frame, symbols with parentheses included", () => {
    const text = [
      sample(`sqlite3VdbeExec (${WORKERD})`, `workerd::api::SqlStorage::exec(workerd::jsg::Lock&) (${WORKERD})`, `workerd::api::DurableObjectStorage::transactionSync (${WORKERD})`, `workerd::api::JsRpcTargetBase::callImpl (${WORKERD})`),
      sample(`[unknown] (/tmp/perf-42.map)`, `workerd::(anonymous namespace)::WorkerEntrypoint::request(kj::HttpMethod) (${WORKERD})`),
      sample(`tcp_sendmsg ([kernel.kallsyms])`),
      sample(`vdbeCommit (${WORKERD})`, `sqlite3VdbeHalt (${WORKERD})`),
    ].join("\n\n");
    const { samples, buckets, regions } = breakdownOf(text) as { samples: number; buckets: [string, number][]; regions: [string, number][] };
    expect(samples).toBe(4);
    expect(Object.fromEntries(buckets)).toEqual({ "SQLite (statements, commits, files)": 0.5, "JavaScript (compiled code)": 0.25, "kernel (system calls, loopback network)": 0.25 });
    const region = Object.fromEntries(regions);
    expect(region["SQL statements (sql.exec)"]).toBe(0.25);
    expect(region["storage transactions (transactionSync)"]).toBe(0.25);
    expect(region["SQLite commits"]).toBe(0.25);
    expect(region["SQLite, all of it"]).toBe(0.5);
    expect(region["HTTP requests into the worker"]).toBe(0.25);
    expect(region["calls into Durable Objects (the called side)"]).toBe(0.25);
  });
});
