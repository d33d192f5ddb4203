/**
 * The Mantine styles of the first screens only (sign-in and lock): the full set is 250 KB of CSS
 * that Chromium would parse before painting anything; these are about a third of it. The
 * signed-in frame (Shell.tsx) loads the full set with its code.
 *
 * Layered (`@layer mantine`) files, so that when the full set arrives later its copy of these rules
 * changes nothing (same layer, same order) and the app's own unlayered rules always win whatever
 * order the chunks' stylesheets land in. Imported in the order of Mantine's styles.layer.css
 * (a component's rules may rely on coming after those of the components it is built on); each
 * component's list includes the components it renders inside (Button: UnstyledButton, Loader;
 * PasswordInput: Input, ActionIcon; Alert: CloseButton; Checkbox: InlineInput, CheckboxIndicator).
 */
import '@mantine/core/styles/baseline.layer.css';
import '@mantine/core/styles/default-css-variables.layer.css';
import '@mantine/core/styles/global.layer.css';
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/UnstyledButton.layer.css';
import '@mantine/core/styles/VisuallyHidden.layer.css';
import '@mantine/core/styles/Paper.layer.css';
import '@mantine/core/styles/Loader.layer.css';
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/CloseButton.layer.css';
import '@mantine/core/styles/Group.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Alert.layer.css';
import '@mantine/core/styles/Text.layer.css';
import '@mantine/core/styles/InlineInput.layer.css';
import '@mantine/core/styles/CheckboxIndicator.layer.css';
import '@mantine/core/styles/Checkbox.layer.css';
import '@mantine/core/styles/Button.layer.css';
import '@mantine/core/styles/PasswordInput.layer.css';
import '@mantine/core/styles/Stack.layer.css';
import '@mantine/core/styles/Title.layer.css';
