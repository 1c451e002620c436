"""JSX/TSX (React components) is JavaScript/TypeScript, not an HTML page nor a log; HTML
pages with scripts stay HTML."""

from __future__ import annotations

import pytest

from tests.transforms._check import compress
from transforms import detect_content_type

# After react-hook-form's app/src/watch.tsx: a form component, most lines markup (was html).
TSX_FORM = """\
import React from 'react';
import { useForm } from 'react-hook-form';

const Watch: React.FC = () => {
  const { register, handleSubmit, watch } = useForm<{ test: string[]; toggle: string }>();
  const onSubmit = () => {};
  const test = watch('test');
  const toggle = watch('toggle');

  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <input {...register('test.0')} placeholder="test[0]" />
      <input {...register('test.1')} placeholder="test[1]" />
      <div id="testData">{JSON.stringify(test)}</div>
      <input type="checkbox" {...register('toggle')} />
      {toggle && <div id="hideContent">Hide Content</div>}
      <div id="first">first</div>
      <div id="second">second</div>
      <div id="third">third</div>
      <button id="submit">Submit</button>
    </form>
  );
};

export default Watch;
"""

# After react-hook-form's app/src/useFieldArrayNested.tsx: nested lists of fields, whose
# many alike markup lines read as program output (was log).
TSX_NESTED = (
    """\
import React from 'react';
import { useFieldArray, useForm, Control } from 'react-hook-form';

type FormValues = { test: { firstName: string; keyValue: { name: string }[] }[] };

function NestedArray({ control, index }: { control: Control<FormValues>; index: number }) {
  const { fields, append, remove } = useFieldArray({ name: `test.${index}.keyValue`, control });

  return (
    <div>
      <ul>
        {fields.map((item, i) => (
          <li key={item.id}>
"""
    + "".join(
        f"""\
            <input
              id={{`nest-{k}-${{i}}`}}
              {{...control.register(`test.${{index}}.keyValue.${{i}}.name{k}`)}}
            />
"""
        for k in range(8)
    )
    + """\
            <button type="button" onClick={() => remove(i)}>remove</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => append({ name: 'x' })}>append</button>
    </div>
  );
}

export default NestedArray;
"""
)

# After gothinkster/react-redux-realworld-example-app's src/components/Header.js: plain
# JavaScript with JSX (was html).
JSX_HEADER = """\
import React from 'react';
import { Link } from 'react-router-dom';

const LoggedOutView = props => {
  if (!props.currentUser) {
    return (
      <ul className="nav navbar-nav pull-xs-right">
        <li className="nav-item">
          <Link to="/" className="nav-link">
            Home
          </Link>
        </li>
        <li className="nav-item">
          <Link to="/login" className="nav-link">
            Sign in
          </Link>
        </li>
        <li className="nav-item">
          <Link to="/register" className="nav-link">
            Sign up
          </Link>
        </li>
      </ul>
    );
  }
  return null;
};

export default LoggedOutView;
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [(TSX_FORM, "typescript"), (TSX_NESTED, "typescript"), (JSX_HEADER, "javascript")],
)
def test_react_components_are_code(text: str, kind: str) -> None:
    assert detect_content_type(text) == kind


# After react-hook-form's examples/V7/basicValidation.tsx, shortened.
JSX_FORM = """\
import React from 'react';
import { useForm } from 'react-hook-form';

let renderCount = 0;

const BasicValidation = () => {
  const { register, handleSubmit, formState } = useForm();
  const onSubmit = (data) => console.log(data);
  renderCount++;

  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <input {...register('firstName', { required: true })} placeholder="firstName" />
      {formState.errors.firstName && <p>firstName error</p>}
      <button>Submit</button>
    </form>
  );
};

export default BasicValidation;
"""


@pytest.mark.parametrize(
    "typed",
    [
        "useForm<FormValues>();",
        "useForm({ mode: 'onBlur' as Mode });",
        "useForm();\n  const toggle = (state: boolean) => !state;",
        "useForm();\n  const root = document.getElementById('root')!;",
    ],
)
def test_jsx_with_one_typescript_line_is_typescript(typed: str) -> None:
    # Each such line is an error to the JavaScript grammar; the TSX grammar reads the
    # JavaScript around it as well (was javascript).
    assert detect_content_type(JSX_FORM) == "javascript"
    assert detect_content_type(JSX_FORM.replace("useForm();", typed)) == "typescript"


def test_a_component_keeps_its_code_structure() -> None:
    r = compress(TSX_FORM * 4)
    assert r.content_type == "typescript"
    assert "const Watch: React.FC" in r.compressed


# An HTML page's body: tags, an inline module script (imports, consts, arrow functions).
HTML_WITH_SCRIPT = (
    '<div class="header"><a href="index.html">Main Page</a></div>\n'
    + "".join(
        f'<div class="memitem"><p>Entry {i}: <a href="#f{i}">f{i}</a></p></div>\n'
        for i in range(12)
    )
    + """\
<script type="module">
import { search } from './search.js';
const box = document.getElementById('MSearchBox');
const init = () => {
  search.init(box);
};
export default init;
</script>
"""
)


def test_html_with_a_module_script_stays_html() -> None:
    assert detect_content_type(HTML_WITH_SCRIPT) == "html"
    assert detect_content_type("<!DOCTYPE html>\n" + JSX_HEADER) == "html"
