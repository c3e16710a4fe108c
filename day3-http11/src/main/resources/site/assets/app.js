// The to-do list, talking to /todos with fetch(): GET to list, POST to add, PUT to toggle, DELETE to remove.
const list = document.getElementById('todos');

async function refresh() {
  const todos = await (await fetch('/todos')).json();
  list.replaceChildren(...todos.map(item));
}

function item(todo) {
  const li = document.createElement('li');
  li.textContent = todo.title;
  li.className = todo.done ? 'done' : '';
  li.onclick = async () => {
    await fetch('/todos/' + todo.id, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: todo.title, done: !todo.done }) });
    refresh();
  };
  const remove = document.createElement('button');
  remove.textContent = '×';
  remove.onclick = async (e) => { e.stopPropagation(); await fetch('/todos/' + todo.id, { method: 'DELETE' }); refresh(); };
  li.append(remove);
  return li;
}

document.getElementById('add').onsubmit = async (e) => {
  e.preventDefault();
  const title = e.target.title.value;
  const res = await fetch('/todos', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }) });
  if (!res.ok) alert((await res.json()).detail);
  e.target.reset();
  refresh();
};

refresh();
