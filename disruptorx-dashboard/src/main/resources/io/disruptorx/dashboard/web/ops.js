// Sign-in and operator actions. The session is an HttpOnly cookie the page never sees; the buttons a user's roles
// do not permit stay disabled, and the server checks the roles again on every action. Each action asks for a
// confirmation first.
const whoEl = document.getElementById('who');
const signInForm = document.getElementById('signin');
const signedInEl = document.getElementById('signed-in');
const messageEl = document.getElementById('ops-message');
const instrumentEl = document.getElementById('instrument');
const dialog = document.getElementById('confirm');
const buttons = [...document.querySelectorAll('button.op')];

let permitted = [];

function show(session) {
    permitted = session.actions || [];
    const user = session.user || '';
    whoEl.textContent = user ? user + ': ' + (permitted.length ? permitted.join(', ') : 'view only') : 'read-only';
    whoEl.dataset.user = user;
    signInForm.hidden = Boolean(user) || session.signIn === false;
    signedInEl.hidden = !user;
    document.getElementById('signed-in-user').textContent = user;
    buttons.forEach(button => { button.disabled = !permitted.includes(button.dataset.action); });
    if (session.signIn === false) {
        messageEl.textContent = 'no user file on this venue: the page is read-only';
    }
}

async function post(path, body) {
    const response = await fetch(path, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
        credentials: 'same-origin'
    });
    const answer = await response.json();
    return { status: response.status, answer };
}

function number(id) {
    const value = document.getElementById(id).value.trim();
    return value === '' ? 0 : Number(value);
}

function request(action) {
    const instrument = Number(instrumentEl.value || 0);
    const account = number('ops-account');
    switch (action) {
        case 'halt':
        case 'resume':
            return { text: action + ' instrument ' + instrument + '?', body: { action, instrument } };
        case 'snapshot':
            return { text: 'take a snapshot now?', body: { action } };
        case 'mass-cancel':
            return { text: 'cancel every resting order of ' + (account ? 'account ' + account : 'every account') +
                    ' in instrument ' + instrument + '?', body: { action, account, instrument } };
        default:
            return { text: action + ' for account ' + account + ' (limits ' + number('ops-max-qty') + ' / ' +
                    number('ops-max-notional') + ')?',
                body: { action, account, maxQuantity: number('ops-max-qty'),
                    maxNotional: number('ops-max-notional') } };
    }
}

function confirmThen(text, run) {
    document.getElementById('confirm-text').textContent = text;
    dialog.returnValue = '';
    dialog.onclose = () => {
        if (dialog.returnValue === 'yes') {
            run();
        }
    };
    dialog.showModal();
}

buttons.forEach(button => button.addEventListener('click', () => {
    const { text, body } = request(button.dataset.action);
    confirmThen(text, async () => {
        const { status, answer } = await post('/dashboard/api/action', body);
        messageEl.textContent = status === 200 ? body.action + ': sent (sequence ' + answer.sequence + ')' :
            body.action + ' refused: ' + answer.error;
        messageEl.dataset.status = String(status);
    });
}));

signInForm.addEventListener('submit', async event => {
    event.preventDefault();
    const { status, answer } = await post('/dashboard/api/signin', {
        user: document.getElementById('signin-user').value,
        password: document.getElementById('signin-password').value
    });
    document.getElementById('signin-password').value = '';
    messageEl.textContent = status === 200 ? '' : 'sign-in refused';
    messageEl.dataset.status = String(status);
    if (status === 200) {
        show({ user: answer.user, actions: answer.actions, signIn: true });
    }
});

document.getElementById('signout').addEventListener('click', async () => {
    await post('/dashboard/api/signout', {});
    show({ user: null, actions: [], signIn: true });
});

export async function refreshSession() {
    try {
        const response = await fetch('/dashboard/api/session', { credentials: 'same-origin' });
        if (response.ok) {
            show(await response.json());
        }
    } catch (e) {
        // the server is away: the WebSocket's reconnect shows it; try again on the next refresh
    }
}
