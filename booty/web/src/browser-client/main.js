// placeholder: the browser test client arrives with its own commit
window.booty = { version: 1 };
