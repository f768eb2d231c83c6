// A CPU-bound loop of fixed work, for checking that two processes run side by side at full speed.
let x = 0;
for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003;
if (x < 0) console.log(x);
