// Compiles src/*.sol with solcjs (the wasm build of solc, offline) into one JSON file per
// contract: {abi, bytecode}. Run by the Maven build (security/pom.xml, profile "contracts")
// and by hand: node compile.js OUTPUT_DIR
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const out = process.argv[2] || path.join(__dirname, 'build');
const sources = {};
for (const file of fs.readdirSync(path.join(__dirname, 'src')).filter(f => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(__dirname, 'src', file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris', // ganache 7.9 predates Cancun; paris avoids PUSH0 and MCOPY
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const result = JSON.parse(solc.compile(JSON.stringify(input), { import: p => ({ contents: fs.readFileSync(path.join(__dirname, 'src', p), 'utf8') }) }));
const errors = (result.errors || []).filter(e => e.severity === 'error');
for (const e of result.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);
fs.mkdirSync(out, { recursive: true });
for (const [file, contracts] of Object.entries(result.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    if (!contract.evm.bytecode.object) continue; // interfaces
    const json = JSON.stringify({ contract: name, compiler: 'solc ' + solc.version(), abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object });
    const tmp = path.join(out, name + '.json.tmp');
    fs.writeFileSync(tmp, json);
    fs.renameSync(tmp, path.join(out, name + '.json'));
    console.log('compiled ' + file + ':' + name + ' (' + contract.evm.bytecode.object.length / 2 + ' bytes)');
  }
}
